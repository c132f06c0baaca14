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
 * Two indexes for the job executor's acquisition query on {@code ACT_RU_JOB}, which Camunda 7 does not create.
 *
 * <p>Why: every deadline timer of every open hazard is a row of {@code ACT_RU_JOB} (three per hazard in
 * rectification), and the job executor asks for due jobs several times a second, five at a time.
 * <ul>
 *   <li>On the due date ({@code DUEDATE_ <= now}): without it PostgreSQL reads the whole table for the query,
 *   120 ms per acquisition at 50,000 open hazards, which capped firing at about 40 timers a second and let
 *   escalations fall a minute behind their deadlines. With it the query takes a twentieth of a millisecond.</li>
 *   <li>On the locked jobs only ({@code WHERE LOCK_OWNER_ IS NOT NULL}, by process instance): the query leaves out a
 *   due job whose process instance has an exclusive job locked, and while any job is due PostgreSQL answers that
 *   part by reading every job of the table once per acquisition, 50 ms at 146,000 jobs. A burst of deadlines
 *   then fired at about 110 a second whatever the threads. The locked jobs are the few running now, so the
 *   index is small and the same part reads only them: 0.1 ms.</li>
 * </ul>
 * (docs/performance.md, escalation latency.)
 *
 * <p>Created here, not by a Flyway migration: the engine creates and upgrades its own tables (ADR 0001), and on a
 * new database they do not exist before the engine has started — this bean depends on the engine, so it runs after.
 * The name carries the application's prefix; Camunda's own upgrade scripts do not touch it. PostgreSQL builds it
 * without blocking writes ({@code CONCURRENTLY}); a build that was interrupted leaves an invalid index, which is
 * built again.
 */
@Component
public class JobAcquisitionIndex implements InitializingBean {

    static final String DUE_DATE = "hl_act_ru_job_duedate_idx";
    static final String LOCKED = "hl_act_ru_job_locked_idx";
    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    private final DataSource dataSource;

    public JobAcquisitionIndex(DataSource dataSource, ProcessEngine engineWithItsSchema) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        create(DUE_DATE, "ON ACT_RU_JOB (DUEDATE_)", false);
        // H2 has no partial index; its single-node file database never holds jobs by the hundred thousand
        create(LOCKED, "ON ACT_RU_JOB (PROCESS_INSTANCE_ID_) WHERE LOCK_OWNER_ IS NOT NULL", true);
    }

    /** Each index on its own: one that cannot be built now does not keep the other from being built. */
    private void create(String name, String definition, boolean postgresOnly) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            if (postgresOnly && !postgres) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                if (postgres) {
                    if (invalid(statement, name)) {
                        statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + name);
                    }
                    statement.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name + " " + definition);
                } else {
                    statement.execute("CREATE INDEX IF NOT EXISTS " + name + " " + definition);
                }
            }
        } catch (SQLException e) {
            // Another instance may be building it at this moment; timers still fire, only later under load.
            log.warn("Could not create the job acquisition's index {}: {}", name, e.getMessage());
        }
    }

    private static boolean invalid(Statement statement, String name) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT NOT i.indisvalid FROM pg_index i JOIN pg_class c"
                + " ON c.oid = i.indexrelid WHERE c.relname = '" + name + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
