package org.hazardloop.hazard;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A ledger of a test's own on PostgreSQL, for query plans at a size the shared test database does not have: a
 * temporary {@code hl_hazard} with the real table's defaults and indexes, seen by one transaction only (pg_temp comes
 * first on the search path, so the application's SQL reads it) and gone at that transaction's rollback.
 */
final class TemporaryLedger {

    private TemporaryLedger() {
    }

    /** Runs {@code work} on a session whose {@code hl_hazard} is an empty copy of the real one, then rolls back. */
    static void run(DataSource dataSource, Consumer<JdbcClient> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                JdbcClient session = JdbcClient.create(new SingleConnectionDataSource(connection, true));
                String schema = session.sql("SELECT current_schema()").query(String.class).single();
                session.sql("CREATE TEMP TABLE hl_hazard (LIKE " + schema + ".hl_hazard INCLUDING DEFAULTS"
                        + " INCLUDING INDEXES) ON COMMIT DROP").update();
                work.accept(session);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }
}
