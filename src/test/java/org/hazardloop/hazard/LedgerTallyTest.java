package org.hazardloop.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.hazardloop.organization.OrgLevel;
import org.hazardloop.organization.OrganizationWriter;
import org.hazardloop.process.HazardProcessDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The tally that answers the statistics and the list totals on PostgreSQL agrees with counting the ledger itself,
 * after reports, steps, a refused step, a direct bulk update and bulk inserts, for a grid unit of the test's own; and
 * reports and steps of one grid unit do not wait for each other on it.
 */
@SpringBootTest
@ActiveProfiles("test")
class LedgerTallyTest {

    @Autowired
    private HazardReporting reporting;
    @Autowired
    private HazardStatistics statistics;
    @Autowired
    private HazardSearch search;
    @Autowired
    private OrganizationWriter organization;
    @Autowired
    private LedgerTally tally;
    @Autowired
    private TaskService tasks;
    @Autowired
    private IdentityService identity;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private javax.sql.DataSource dataSource;

    @Test
    void theFiguresFromTheTallyAreTheLedgersOwnCounts() {
        assertThat(tally.available()).as("PostgreSQL has the tally").isTrue();
        String unit = "TV" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        organization.addUnit(unit, "统计测试村", OrgLevel.VILLAGE, "T01");

        String major = report(unit);
        String general = report(unit);
        report(unit);
        assign(major, "MAJOR");
        assign(general, "GENERAL");
        refusedAssignment(report(unit));
        assertAgrees(unit);

        // a direct update of many rows (as a data correction would do) keeps the tally exact too
        jdbc.sql("UPDATE hl_hazard SET status = 'CLOSED' WHERE grid_unit = :unit AND status = 'REPORTED'")
                .param("unit", unit).update();
        assertAgrees(unit);

        HazardSummary summary = statistics.summary(unit, HazardReadScope.all());
        assertThat(summary.total()).isEqualTo(4);
        assertThat(summary.major()).isEqualTo(1);
        assertThat(summary.byStatus().get(HazardStatus.RECTIFYING)).isEqualTo(2);
        assertThat(summary.byStatus().get(HazardStatus.CLOSED)).isEqualTo(2);
    }

    @Test
    void stepsOfHazardsOfOneUnitDoNotWaitForEachOthersTally() throws Exception {
        String unit = "TW" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        organization.addUnit(unit, "并发测试村", OrgLevel.VILLAGE, "T01");
        for (int i = 0; i < 12; i++) {
            report(unit);
        }
        // two hazards whose status change counts in the same tally row (same unit, status, grade and shard)
        java.util.List<String> sameRow = jdbc.sql("""
                        SELECT number FROM hl_hazard WHERE grid_unit = :unit
                         ORDER BY MOD(ABS(HASHTEXT(number)), 4), number""")
                .param("unit", unit).query(String.class).list();
        String first = null;
        String second = null;
        for (int i = 1; i < sameRow.size() && second == null; i++) {
            if (shard(sameRow.get(i)) == shard(sameRow.get(i - 1))) {
                first = sameRow.get(i - 1);
                second = sameRow.get(i);
            }
        }
        assertThat(second).as("12 hazards over 4 shards share one").isNotNull();

        // the first step is still open: the second changes the same tally row's count without waiting for it
        secondCommitsWhileFirstIsOpen(first, second, LedgerTallyTest::closeInTransaction);
        assertAgrees(unit);
    }

    @Test
    void reportsOfHazardsOfOneUnitDoNotWaitForEachOthersTally() throws Exception {
        String unit = "TR" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        organization.addUnit(unit, "上报并发测试村", OrgLevel.VILLAGE, "T01");
        report(unit);
        // two new hazards counted in the same tally row as reported (same unit, status, grade and shard)
        String first = unit + "-1";
        String second = null;
        for (int i = 2; second == null; i++) {
            if (shard(unit + "-" + i) == shard(first)) {
                second = unit + "-" + i;
            }
        }

        // the first report is still open (its process starting): the second is stored and commits without waiting
        secondCommitsWhileFirstIsOpen(first, second, (connection, number) -> insertReported(connection, unit, number));
        assertAgrees(unit);
    }

    @Test
    void rowsInsertedManyToAStatementAreCountedOnceWithOrWithoutTheBulkSetting() throws Exception {
        String unit = "TB" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        organization.addUnit(unit, "批量导入测试村", OrgLevel.VILLAGE, "T01");
        for (boolean bulk : new boolean[] {true, false}) {
            try (java.sql.Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                if (bulk) {
                    try (java.sql.Statement setting = connection.createStatement()) {
                        setting.execute(LedgerTallyInsertsAtCommitMigration.BULK_INSERT);
                    }
                }
                try (java.sql.PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO hl_hazard (number, title, description, sector, location, grid_unit, grid_path,
                                               safety_office, supervising_office, reporter, discovered_at, reported_at,
                                               status, grade)
                        SELECT ? || n, '历史隐患', '导入', 'FIRE', '位置', u.code, u.path, 'T01-SAFETY', 'D01-SAFETY',
                               'inspector', now(), now(), CASE WHEN n % 2 = 0 THEN 'CLOSED' ELSE 'RECTIFYING' END,
                               CASE WHEN n % 3 = 0 THEN 'MAJOR' ELSE 'GENERAL' END
                          FROM hl_org_unit u, generate_series(1, 25) AS n WHERE u.code = ?""")) {
                    insert.setString(1, unit + (bulk ? "-B" : "-R"));
                    insert.setString(2, unit);
                    assertThat(insert.executeUpdate()).isEqualTo(25);
                }
                connection.commit();
            }
            assertAgrees(unit);
        }
        assertThat(statistics.summary(unit, HazardReadScope.all()).total()).isEqualTo(50);
    }

    /** A change to one hazard's ledger row in a transaction of its own. */
    private interface LedgerChange {
        void apply(java.sql.Connection connection, String number) throws java.sql.SQLException;
    }

    /**
     * Changes {@code first} and leaves its transaction open, then changes {@code second} and commits it within a
     * two-second lock timeout: fails if the second waits for the first.
     */
    private void secondCommitsWhileFirstIsOpen(String first, String second, LedgerChange change) throws java.sql.SQLException {
        try (java.sql.Connection one = dataSource.getConnection(); java.sql.Connection two = dataSource.getConnection()) {
            one.setAutoCommit(false);
            two.setAutoCommit(false);
            change.apply(one, first);
            try (java.sql.Statement wait = two.createStatement()) {
                wait.execute("SET LOCAL lock_timeout = '2s'");
            }
            change.apply(two, second);
            two.commit();
            one.commit();
        }
    }

    private static void insertReported(java.sql.Connection connection, String unit, String number)
            throws java.sql.SQLException {
        try (java.sql.PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO hl_hazard (number, title, description, sector, location, grid_unit, grid_path, safety_office,
                                       supervising_office, reporter, discovered_at, reported_at, status)
                SELECT ?, '配电箱无防护罩', '带电部位裸露', 'ELECTRICITY', '1 号', code, path, 'T01-SAFETY', 'D01-SAFETY',
                       'inspector', now(), now(), 'REPORTED' FROM hl_org_unit WHERE code = ?""")) {
            insert.setString(1, number);
            insert.setString(2, unit);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private int shard(String number) {
        return jdbc.sql("SELECT MOD(ABS(HASHTEXT(:number)), 4)").param("number", number).query(Integer.class).single();
    }

    private static void closeInTransaction(java.sql.Connection connection, String number) throws java.sql.SQLException {
        try (java.sql.PreparedStatement close = connection.prepareStatement(
                "UPDATE hl_hazard SET status = 'CLOSED' WHERE number = ?")) {
            close.setString(1, number);
            assertThat(close.executeUpdate()).isEqualTo(1);
        }
    }

    private void assertAgrees(String unit) {
        String path = jdbc.sql("SELECT path FROM hl_org_unit WHERE code = :unit").param("unit", unit)
                .query(String.class).single();
        // the tally answers for everyone and for a safety office's subtrees; a department's reader is counted directly
        for (HazardReadScope readable : java.util.List.of(HazardReadScope.all(),
                new HazardReadScope(false, java.util.List.of(path), java.util.List.of(), java.util.List.of(), null),
                new HazardReadScope(false, java.util.List.of(path), java.util.List.of("T01-FIRE"), java.util.List.of(), null))) {
            assertAgrees(unit, readable);
        }
    }

    private void assertAgrees(String unit, HazardReadScope readable) {
        HazardSummary summary = statistics.summary(unit, readable);
        Map<HazardStatus, Long> counted = new LinkedHashMap<>();
        for (HazardStatus status : HazardStatus.values()) {
            counted.put(status, jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE grid_unit = :unit AND status = :status")
                    .param("unit", unit).param("status", status.name()).query(Long.class).single());
        }
        assertThat(summary.byStatus()).isEqualTo(counted);
        assertThat(summary.major()).isEqualTo(jdbc.sql(
                "SELECT COUNT(*) FROM hl_hazard WHERE grid_unit = :unit AND grade = 'MAJOR'")
                .param("unit", unit).query(Long.class).single());
        for (Set<HazardStatus> statuses : java.util.List.<Set<HazardStatus>>of(Set.of(),
                EnumSet.of(HazardStatus.RECTIFYING), EnumSet.of(HazardStatus.REPORTED, HazardStatus.CLOSED))) {
            for (Grade grade : new Grade[] {null, Grade.MAJOR, Grade.GENERAL}) {
                long total = search.search(new HazardCriteria(statuses, grade, null, unit, null, null, null, null, null, null),
                        readable, new HazardPageRequest(0, 20, HazardSort.NUMBER, false), Instant.now()).totalItems();
                long expected = jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE grid_unit = :unit"
                                + (statuses.isEmpty() ? "" : " AND status IN (:statuses)")
                                + (grade == null ? "" : " AND grade = :grade"))
                        .param("unit", unit)
                        .param("statuses", statuses.isEmpty() ? java.util.List.of("-")
                                : statuses.stream().map(Enum::name).toList())
                        .param("grade", grade == null ? "-" : grade.name())
                        .query(Long.class).single();
                assertThat(total).as("total of %s %s", statuses, grade).isEqualTo(expected);
            }
        }
    }

    private String report(String unit) {
        return reporting.report(new HazardReport("tally-" + UUID.randomUUID(), "配电箱无防护罩", "带电部位裸露", "ELECTRICITY",
                "统计测试村 1 号", unit, null), HazardProcessDriver.INSPECTOR).number();
    }

    private void assign(String number, String grade) {
        complete(number, HazardProcessDriver.assignment(grade, HazardProcessDriver.daysAhead(5)));
    }

    private void refusedAssignment(String number) {
        Map<String, Object> values = new LinkedHashMap<>(HazardProcessDriver.assignment("MAJOR", HazardProcessDriver.daysAhead(5)));
        values.remove("deadline");
        try {
            complete(number, values);
        } catch (RuntimeException expected) {
            // refused: the ledger and so the tally stay as they were
        }
    }

    private void complete(String number, Map<String, Object> values) {
        String task = tasks.createTaskQuery().processInstanceBusinessKey(number).singleResult().getId();
        identity.setAuthentication(HazardProcessDriver.SUPERVISOR, java.util.List.of(HazardProcessDriver.SAFETY_OFFICE));
        try {
            tasks.complete(task, values);
        } finally {
            identity.clearAuthentication();
        }
    }
}
