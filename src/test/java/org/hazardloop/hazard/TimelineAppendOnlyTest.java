package org.hazardloop.hazard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.hazardloop.process.HazardProcessDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The timeline is append-only in the database itself, whoever connects: PostgreSQL (production, tests) and H2 (the
 * embedded default) refuse every UPDATE and DELETE of {@code hl_hazard_timeline}, and PostgreSQL every TRUNCATE.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(HazardProcessDriver.class)
class TimelineAppendOnlyTest {

    private static final String REFUSAL = "隐患处理记录只能追加，不能修改或删除";

    @Autowired
    HazardProcessDriver driver;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "UPDATE hl_hazard_timeline SET actor = 'someone-else' WHERE hazard_number = :number",
            "UPDATE hl_hazard_timeline SET details = NULL WHERE hazard_number = :number",
            "DELETE FROM hl_hazard_timeline WHERE hazard_number = :number"})
    void postgresqlRefusesToChangeOrDeleteATimelineEntry(String statement) {
        String number = driver.report("时间线只能追加");
        List<TimelineEntry> before = driver.timeline(number);

        // in a transaction that is rolled back in any case: a refusal that failed must not damage the shared database
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql(statement).param("number", number).update();
        })).hasMessageContaining(REFUSAL);

        assertThat(driver.timeline(number)).isEqualTo(before);
    }

    @Test
    void postgresqlRefusesToTruncateTheTimeline() {
        String number = driver.report("时间线不能清空");

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("TRUNCATE hl_hazard_timeline").update();
        })).hasMessageContaining(REFUSAL);

        assertThat(driver.timeline(number)).isNotEmpty();
    }

    @Test
    void h2RefusesToChangeOrDeleteATimelineEntryButTakesNewOnes() throws SQLException {
        SimpleDriverDataSource h2 = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:timeline-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        // the embedded default's migrations: the portable ones and H2's own
        Flyway.configure().dataSource(h2).table("hl_flyway_schema_history")
                .locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        try (Connection connection = h2.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO hl_org_unit (code, name, level, path) VALUES ('C', '城', 'CITY', '/C/')");
            sql.execute("""
                    INSERT INTO hl_hazard (number, title, description, sector, location, grid_unit, grid_path, safety_office,
                                           supervising_office, reporter, discovered_at, reported_at, status)
                    VALUES ('YH-1', '标题', '描述', 'FIRE', '位置', 'C', '/C/', 'C-SAFETY', 'C-SAFETY', 'inspector',
                            CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'REPORTED')""");
            String append = "INSERT INTO hl_hazard_timeline (hazard_number, occurred_at, actor, action, status_after)"
                    + " VALUES ('YH-1', CURRENT_TIMESTAMP, 'inspector', 'REPORTED', 'REPORTED')";
            sql.execute(append);

            assertThatThrownBy(() -> sql.execute("UPDATE hl_hazard_timeline SET actor = 'someone-else'"))
                    .hasMessageContaining(REFUSAL).hasMessageContaining("UPDATE");
            assertThatThrownBy(() -> sql.execute("DELETE FROM hl_hazard_timeline"))
                    .hasMessageContaining(REFUSAL).hasMessageContaining("DELETE");

            sql.execute(append);
            try (var rows = sql.executeQuery("SELECT actor FROM hl_hazard_timeline ORDER BY id")) {
                assertThat(rows.next() && rows.getString(1).equals("inspector")).isTrue();
                assertThat(rows.next() && rows.getString(1).equals("inspector")).isTrue();
                assertThat(rows.next()).isFalse();
            }
        }
    }
}
