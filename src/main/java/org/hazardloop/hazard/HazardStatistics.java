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
    private final LedgerTally tally;

    public HazardStatistics(JdbcClient jdbc, OrganizationDirectory organization, Clock clock, LedgerTally tally) {
        this.jdbc = jdbc;
        this.tally = tally;
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
        if (tally.answers(readable)) {
            jdbc.sql(tallySql(filter)).params(filter.params()).query(rs -> {
                byStatus.put(HazardStatus.valueOf(rs.getString("status")), rs.getLong("hazards"));
                overdueAndMajor[1] += rs.getLong("major");
            });
            overdueAndMajor[0] = jdbc.sql(overdueSql(filter)).params(filter.params()).query(Long.class).single();
        } else {
            jdbc.sql(summarySql(filter))
                    .params(filter.params())
                    .query(rs -> {
                        byStatus.put(HazardStatus.valueOf(rs.getString("status")), rs.getLong("hazards"));
                        overdueAndMajor[0] += rs.getLong("overdue");
                        overdueAndMajor[1] += rs.getLong("major");
                    });
        }

        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long closed = byStatus.get(HazardStatus.CLOSED);
        return new HazardSummary(unit == null ? null : unit.code(), total, byStatus, closed, total - closed,
                overdueAndMajor[0], overdueAndMajor[1], HazardSummary.completionRate(closed, total), now);
    }

    /**
     * With the tally: hazards and major hazards per status from {@code hl_hazard_tally}, whose rows a subtree filter
     * selects as it selects the ledger's (same columns). Package-private for the benchmark's query plans.
     */
    static String tallySql(LedgerFilter filter) {
        return "SELECT status, SUM(hazards) AS hazards,"
                + " SUM(CASE WHEN grade = '" + Grade.MAJOR.name() + "' THEN hazards ELSE 0 END) AS major"
                + " FROM hl_hazard_tally" + filter.where() + " GROUP BY status";
    }

    /** With the tally: overdue depends on the time asked, so it is counted from the ledger, open hazards only. */
    static String overdueSql(LedgerFilter filter) {
        String where = filter.where();
        return "SELECT COUNT(*) FROM hl_hazard" + (where.isEmpty() ? " WHERE " : where + " AND ") + LedgerFilter.OVERDUE;
    }

    /** Without the tally (H2): one pass over the ledger. Package-private for the benchmark's query plans. */
    static String summarySql(LedgerFilter filter) {
        return "SELECT status, COUNT(*) AS hazards,"
                + " SUM(CASE WHEN " + LedgerFilter.OVERDUE + " THEN 1 ELSE 0 END) AS overdue,"
                + " SUM(CASE WHEN grade = '" + Grade.MAJOR.name() + "' THEN 1 ELSE 0 END) AS major"
                + " FROM hl_hazard" + filter.where() + " GROUP BY status";
    }
}
