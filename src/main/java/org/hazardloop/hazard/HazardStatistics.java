package org.hazardloop.hazard;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hazardloop.organization.OrgUnit;
import org.hazardloop.organization.OrganizationDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** 统计: the figures the offices are judged by, counted from the ledger in one pass. */
@Service
@Transactional(readOnly = true)
public class HazardStatistics {

    private final JdbcClient jdbc;
    private final OrganizationDirectory organization;
    private final Clock clock;

    public HazardStatistics(JdbcClient jdbc, OrganizationDirectory organization, Clock clock) {
        this.jdbc = jdbc;
        this.organization = organization;
        this.clock = clock;
    }

    /**
     * Figures over the unit's whole subtree (the whole ledger when {@code gridUnit} is null or blank), counting
     * only the entries the reader may read.
     */
    public HazardSummary summary(String gridUnit, HazardReadScope readable) {
        List<FieldViolation> violations = new ArrayList<>();
        OrgUnit unit = GridUnits.resolve(organization, gridUnit, violations);
        if (!violations.isEmpty()) {
            throw new HazardRuleViolation("统计条件无效", violations);
        }
        Instant now = clock.instant();
        LedgerFilter filter = new LedgerFilter(now).readableBy(readable).subtree(unit);

        Map<HazardStatus, Long> byStatus = new EnumMap<>(HazardStatus.class);
        for (HazardStatus status : HazardStatus.values()) {
            byStatus.put(status, 0L);
        }
        long[] overdueAndMajor = new long[2];
        jdbc.sql("SELECT status, COUNT(*) AS hazards,"
                        + " SUM(CASE WHEN " + LedgerFilter.OVERDUE + " THEN 1 ELSE 0 END) AS overdue,"
                        + " SUM(CASE WHEN grade = '" + Grade.MAJOR.name() + "' THEN 1 ELSE 0 END) AS major"
                        + " FROM hl_hazard" + filter.where() + " GROUP BY status")
                .params(filter.params())
                .query(rs -> {
                    byStatus.put(HazardStatus.valueOf(rs.getString("status")), rs.getLong("hazards"));
                    overdueAndMajor[0] += rs.getLong("overdue");
                    overdueAndMajor[1] += rs.getLong("major");
                });

        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long closed = byStatus.get(HazardStatus.CLOSED);
        return new HazardSummary(unit == null ? null : unit.code(), total, byStatus, closed, total - closed,
                overdueAndMajor[0], overdueAndMajor[1], HazardSummary.completionRate(closed, total), now);
    }
}
