package org.hazardloop.hazard;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * 五落实: what must be fixed before rectification starts. A hazard without all five is not assigned.
 */
public record FiveImplementations(
        String measures,
        String responsibleDepartment,
        String responsiblePerson,
        BigDecimal funds,
        OffsetDateTime deadline,
        String contingencyPlan) {
}
