package org.hazardloop.hazard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hazardloop.organization.OrgUnit;
import org.hazardloop.organization.OrganizationDirectory;

/**
 * The SQL that {@link HazardSearch} and {@link HazardStatistics} run for given criteria, with its parameters,
 * built by the same {@link LedgerFilter} and ordering, so the benchmark can EXPLAIN exactly what the list API
 * and the statistics summary send to the database.
 */
public final class LedgerQuerySql {

    /** One statement and its named parameters. */
    public record Statement(String sql, Map<String, Object> params) {
    }

    private LedgerQuerySql() {
    }

    /** The count and the page query of one list request; {@code tally}: as on PostgreSQL, else as without the tally. */
    public static List<Statement> list(OrganizationDirectory organization, boolean tally, HazardCriteria criteria,
                                       HazardPageRequest request, Instant now) {
        LedgerFilter filter = HazardSearch.withCriteria(filter(organization, criteria.gridUnit(), now), criteria);
        List<Statement> statements = new ArrayList<>();
        statements.add(new Statement(HazardSearch.countSql(filter,
                tally && HazardSearch.countableFromTally(criteria)), filter.params()));
        Map<String, Object> pageParams = new java.util.HashMap<>(filter.params());
        pageParams.put("offset", (long) request.page() * request.size());
        pageParams.put("limit", request.size());
        statements.add(new Statement(HazardSearch.pageSql(filter, request), pageParams));
        return statements;
    }

    /** The statistics summary's statements for a grid unit (null: the whole ledger). */
    public static List<Statement> summary(OrganizationDirectory organization, boolean tally, String gridUnit,
                                          Instant now) {
        LedgerFilter filter = filter(organization, gridUnit, now);
        return tally
                ? List.of(new Statement(HazardStatistics.tallySql(filter), filter.params()),
                        new Statement(HazardStatistics.overdueSql(filter), filter.params()))
                : List.of(new Statement(HazardStatistics.summarySql(filter), filter.params()));
    }

    private static LedgerFilter filter(OrganizationDirectory organization, String gridUnit, Instant now) {
        OrgUnit unit = gridUnit == null ? null : organization.unit(gridUnit)
                .orElseThrow(() -> new IllegalArgumentException("unknown grid unit " + gridUnit));
        return new LedgerFilter(now).subtree(unit);
    }
}
