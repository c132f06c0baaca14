package org.hazardloop.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.hazardloop.organization.OrganizationDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The ledger's indexes, checked in query plans on PostgreSQL:
 * <ul>
 * <li>the overdue list in deadline order reads only the open deadlines, not the closed hazards whose deadlines passed
 * long ago: with a hundred closed hazards for every open one, its page comes from the partial index of open
 * deadlines with nothing filtered out (migration 82);</li>
 * <li>the ledger keeps no index that another one already holds (migration 84), and the filters those served still
 * read an index: a department's open hazards, a subtree's hazards of one sector, a status over the whole ledger, one
 * unit's subtree, each EXPLAINed on a ledger of thirty thousand rows.</li>
 * </ul>
 */
@SpringBootTest
@ActiveProfiles("test")
class LedgerIndexesTest {

    private static final int HAZARDS = 30_000;

    @Autowired
    private DataSource dataSource;
    @Autowired
    private OrganizationDirectory organization;

    @Test
    void theOverduePageReadsOnlyTheOpenDeadlinesHoweverManyHazardsAreClosed() throws Exception {
        Instant now = Instant.now();
        TemporaryLedger.run(dataSource, session -> {
            session.sql("""
                            INSERT INTO hl_hazard (number, title, description, sector, location, grid_unit,
                                                   grid_path, safety_office, supervising_office, reporter, discovered_at, reported_at,
                                                   status, deadline)
                            SELECT 'YH-2020-' || lpad(n::text, 6, '0'), '隐患', '描述', 'FIRE', '位置', 'V1', '/C/V1/',
                                   'V1-SAFETY', 'V1-SAFETY', 'inspector', :reported, :reported,
                                   CASE WHEN n % 100 = 0 THEN 'RECTIFYING' ELSE 'CLOSED' END,
                                   :now - (n % 60) * interval '1 day' - interval '1 hour'
                              FROM generate_series(1, :hazards) AS n""")
                    .param("reported", OffsetDateTime.ofInstant(now, ZoneOffset.UTC).minusDays(90))
                    .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .param("hazards", HAZARDS)
                    .update();
            session.sql("ANALYZE hl_hazard").update();
            String openDeadlineIndex = session.sql("""
                            SELECT indexname FROM pg_indexes
                             WHERE schemaname = (SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema())
                               AND tablename = 'hl_hazard' AND indexdef LIKE '%WHERE%'""")
                    .query(String.class).single();

            HazardCriteria overdue = new HazardCriteria(null, null, null, null, null, true, null, null, null, null);
            LedgerQuerySql.Statement page = LedgerQuerySql.list(organization, true, overdue,
                    new HazardPageRequest(0, HazardPageRequest.DEFAULT_SIZE, HazardSort.DEADLINE, false), now).get(1);
            List<String> plan = session.sql("EXPLAIN (ANALYZE) " + page.sql()).params(page.params())
                    .query(String.class).list();

            assertThat(String.join("\n", plan))
                    .contains("Index Scan using " + openDeadlineIndex + " on hl_hazard")
                    .doesNotContain("Rows Removed by Filter");
        });
    }

    @Test
    void everyLedgerIndexIsOneNoOtherIndexHolds() {
        List<String> indexes = JdbcClient.create(dataSource).sql("""
                        SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'hl_hazard'""")
                .query(String.class).list();

        assertThat(indexes).contains("hl_hazard_status_deadline_idx", "hl_hazard_department_status_idx",
                "hl_hazard_sector_subtree_idx", "hl_hazard_subtree_idx")
                .doesNotContainAnyElementsOf(RedundantLedgerIndexesMigration.DROPPED);
    }

    @Test
    void theFiltersTheDroppedIndexesServedStillReadAnIndex() throws Exception {
        Instant now = Instant.now();
        TemporaryLedger.run(dataSource, session -> {
            session.sql("""
                            INSERT INTO hl_hazard (number, title, description, sector, location, grid_unit,
                                                   grid_path, safety_office, supervising_office, reporter, discovered_at,
                                                   reported_at, status, responsible_department, deadline)
                            SELECT 'YH-2020-' || lpad(n::text, 6, '0'), '隐患', '描述',
                                   (ARRAY['FIRE','ELECTRICITY','GAS','HOT_WORK','CONSTRUCTION'])[1 + n % 5],
                                   '位置', 'X' || (n % 200), '/C01/D0' || (n % 4) || '/T' || lpad((n % 50)::text, 2, '0') || '/X' || (n % 200) || '/',
                                   'T01-SAFETY', 'D01-SAFETY', 'inspector', :reported, :reported - n * interval '1 minute',
                                   CASE WHEN n % 50 = 0 THEN 'RECTIFYING' ELSE 'CLOSED' END,
                                   'DEPT-' || (n % 300), :reported + interval '30 days'
                              FROM generate_series(1, :hazards) AS n""")
                    .param("reported", OffsetDateTime.ofInstant(now, ZoneOffset.UTC).minusDays(90))
                    .param("hazards", HAZARDS)
                    .update();
            session.sql("ANALYZE hl_hazard").update();

            Map<String, HazardCriteria> filters = Map.of(
                    "a department's open hazards", criteria(Set.of(HazardStatus.RECTIFYING), null, null, "DEPT-7"),
                    "a town's fire hazards", criteria(Set.of(), Sector.FIRE, "T01", null),
                    "hazards in rectification", criteria(Set.of(HazardStatus.RECTIFYING), null, null, null),
                    "a town's subtree", criteria(Set.of(), null, "T01", null));
            filters.forEach((name, criteria) -> {
                for (LedgerQuerySql.Statement statement : LedgerQuerySql.list(organization, true, criteria,
                        new HazardPageRequest(0, HazardPageRequest.DEFAULT_SIZE, HazardSort.REPORTED_AT, true), now)) {
                    String plan = String.join("\n", session.sql("EXPLAIN " + statement.sql())
                            .params(statement.params()).query(String.class).list());
                    assertThat(plan).as(name + ": " + statement.sql()).doesNotContain("Seq Scan on hl_hazard ");
                }
            });
        });
    }

    private static HazardCriteria criteria(Set<HazardStatus> statuses, Sector sector, String gridUnit, String department) {
        return new HazardCriteria(statuses, null, sector, gridUnit, department, null, null, null, null, null);
    }
}
