package org.hazardloop.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.hazardloop.organization.OrganizationDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The overdue list in deadline order reads only the open deadlines, not the closed hazards whose deadlines passed
 * long ago: with a hundred closed hazards for every open one, its page comes from the partial index of open
 * deadlines with nothing filtered out.
 */
@SpringBootTest
@ActiveProfiles("test")
class OverdueListIndexTest {

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
}
