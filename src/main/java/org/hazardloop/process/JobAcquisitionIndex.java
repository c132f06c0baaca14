package org.hazardloop.process;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * An index on the due date of the engine's jobs ({@code ACT_RU_JOB.DUEDATE_}), which Camunda 7 does not create.
 *
 * <p>Why: every deadline timer of every open hazard is a row of {@code ACT_RU_JOB} (three per hazard in
 * rectification), and the job executor asks for due jobs ({@code DUEDATE_ <= now}) several times a second. Without
 * this index PostgreSQL reads the whole table for it: 120 ms per acquisition of five jobs at 50,000 open hazards,
 * which capped firing at about 40 timers a second and let escalations fall a minute behind their deadlines
 * (docs/performance.md, escalation latency). With it the same query takes a twentieth of a millisecond.
 *
 * <p>Created here, not by a Flyway migration: the engine creates and upgrades its own tables (ADR 0001), and on a
 * new database they do not exist before the engine has started — this bean depends on the engine, so it runs after.
 * The name carries the application's prefix; Camunda's own upgrade scripts do not touch it. PostgreSQL builds it
 * without blocking writes ({@code CONCURRENTLY}); a build that was interrupted leaves an invalid index, which is
 * built again.
 */
@Component
public class JobAcquisitionIndex implements InitializingBean {

    static final String NAME = "hl_act_ru_job_duedate_idx";
    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    private final DataSource dataSource;

    public JobAcquisitionIndex(DataSource dataSource, ProcessEngine engineWithItsSchema) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            try (Statement statement = connection.createStatement()) {
                if (postgres) {
                    if (invalid(statement)) {
                        statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + NAME);
                    }
                    statement.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + NAME + " ON ACT_RU_JOB (DUEDATE_)");
                } else {
                    statement.execute("CREATE INDEX IF NOT EXISTS " + NAME + " ON ACT_RU_JOB (DUEDATE_)");
                }
            }
        } catch (SQLException e) {
            // Another instance may be building it at this moment; timers still fire, only later under load.
            log.warn("Could not create the job due-date index {}: {}", NAME, e.getMessage());
        }
    }

    private static boolean invalid(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT NOT i.indisvalid FROM pg_index i JOIN pg_class c"
                + " ON c.oid = i.indexrelid WHERE c.relname = '" + NAME + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
