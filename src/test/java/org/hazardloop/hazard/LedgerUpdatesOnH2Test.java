package org.hazardloop.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded default runs on H2 2.3, which has no {@code UPDATE … RETURNING}: a step's update must hand back the
 * changed row there too, and the rest of the step must see the row as the update left it, not as it was locked.
 */
class LedgerUpdatesOnH2Test {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 7, 9, 30, 0, 0, ZoneOffset.ofHours(8));

    private HazardLedger ledger;
    private TransactionTemplate transaction;
    private JdbcClient jdbc;

    @BeforeEach
    void database() {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:ledger-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).table("hl_flyway_schema_history").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        ledger = new HazardLedger(jdbc, new NamedParameterJdbcTemplate(dataSource), new ObjectMapper());
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.sql("INSERT INTO hl_org_unit (code, name, level, parent_code, path) VALUES ('V01', '新华社区', 'VILLAGE',"
                + " NULL, '/V01/')").update();
        jdbc.sql("INSERT INTO hl_department (code, name, unit_code, kind) VALUES ('V01-SAFETY', '新华社区安委办', 'V01',"
                + " 'SAFETY_OFFICE')").update();
        ledger.insert(new NewHazard("YH-1", "report-1", "消防通道堆放杂物", "纸箱堵塞", Sector.FIRE, "工业路 18 号",
                "V01", "/V01/", "V01-SAFETY", "V01-SAFETY", "inspector", NOW, NOW));
    }

    @Test
    void theStepSeesTheRowAsItsUpdatesLeftIt() {
        Hazard afterSteps = transaction.execute(status -> {
            ledger.lock("YH-1");
            ledger.recordAssignment("YH-1", new Assignment(Grade.GENERAL, RiskLevel.YELLOW, new FiveImplementations(
                    "清理堆放物", "T01-FIRE", "fire-officer", new BigDecimal("1000.00"), NOW.plusDays(7), "专人值守")),
                    "supervisor");
            Hazard assigned = ledger.lock("YH-1");
            assertThat(assigned.status()).isEqualTo(HazardStatus.RECTIFYING);
            assertThat(assigned.responsibleDepartment()).isEqualTo("T01-FIRE");
            assertThat(assigned.deadlineVersion()).isEqualTo(1);
            ledger.recordRectificationSubmitted("YH-1", "fire-officer", NOW.plusDays(10));
            ledger.recordRework("YH-1");
            return ledger.find("YH-1").orElseThrow();
        });

        assertThat(afterSteps.status()).isEqualTo(HazardStatus.RECTIFYING);
        assertThat(afterSteps.rectifiedBy()).isEqualTo("fire-officer");
        assertThat(afterSteps.reworkCount()).isEqualTo(1);
        assertThat(afterSteps.verificationDeadline()).isEqualTo(NOW.plusDays(10));
        assertThat(ledger.find("YH-1").orElseThrow()).as("what the transaction saw is what it committed")
                .isEqualTo(afterSteps);
    }

    @Test
    void anUpdateOfAnEntryThatIsNotThereChangesNothing() {
        transaction.executeWithoutResult(status -> ledger.recordClosed("YH-404", "supervisor", NOW));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE status = 'CLOSED'").query(Integer.class).single())
                .isZero();
    }
}
