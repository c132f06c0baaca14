package org.hazardloop.hazard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;

/**
 * The headline figures of a grid unit's subtree (or of the whole ledger when {@code gridUnit} is null).
 *
 * @param byStatus       every status, zero included
 * @param completionRate 整改完成率: closed ÷ total as a percentage, one decimal; null when there is nothing yet
 * @param asOf           the instant "overdue" was judged at
 */
public record HazardSummary(
        String gridUnit,
        long total,
        Map<HazardStatus, Long> byStatus,
        long closed,
        long open,
        long overdue,
        long major,
        BigDecimal completionRate,
        Instant asOf) {

    /** Half-up, as the offices round their reports: 2 of 3 closed is 66.7%. */
    static BigDecimal completionRate(long closed, long total) {
        if (total == 0) {
            return null;
        }
        return BigDecimal.valueOf(closed).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP);
    }
}
