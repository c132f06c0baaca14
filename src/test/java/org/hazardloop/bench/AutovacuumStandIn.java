package org.hazardloop.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Does what autovacuum would on a server that has it switched off (the machine this project is built on runs
 * PostgreSQL with {@code autovacuum = off}; a production server has it on): every few seconds, each table that has
 * changed by more than autovacuum's thresholds since it was last seen to is vacuumed or analysed, with autovacuum's
 * cost-based delay. Without it a table that starts empty and grows by tens of thousands of rows in a minute keeps
 * the statistics of an empty table, the planner reads it as one, and the benchmark measures that instead of the
 * application (seen: bare process starts at a third of their rate after the report burst).
 *
 * <p>Hand-written because the server setting cannot be changed from a client and a restart with another
 * configuration is not the benchmark's to make. On a server with autovacuum on it does nothing. Its own connection,
 * so the application's pool is the application's.
 */
final class AutovacuumStandIn implements AutoCloseable {

    /** autovacuum_naptime is a minute; the benchmark's phases last seconds to minutes, so it looks more often. */
    private static final long NAP_MILLIS = 10_000;
    /** autovacuum_vacuum_threshold, autovacuum_vacuum_scale_factor, and the same for analyze (PostgreSQL defaults). */
    private static final String DUE = """
            SELECT s.relname,
                   s.n_dead_tup > 50 + 0.2 * GREATEST(c.reltuples, 0) AS vacuum,
                   s.n_mod_since_analyze > 50 + 0.1 * GREATEST(c.reltuples, 0) AS analyze
              FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
             WHERE s.schemaname = current_schema()
               AND (s.n_dead_tup > 50 + 0.2 * GREATEST(c.reltuples, 0)
                    OR s.n_mod_since_analyze > 50 + 0.1 * GREATEST(c.reltuples, 0))""";

    private final String url;
    private final String user;
    private final String password;
    private final AtomicInteger vacuums = new AtomicInteger();
    private final AtomicInteger analyses = new AtomicInteger();
    private volatile boolean running;
    private Thread worker;

    private AutovacuumStandIn(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Starts the stand-in if the server's autovacuum is off; returns it either way (closing it is always safe). */
    static AutovacuumStandIn startIfNeeded(String url, String user, String password) {
        AutovacuumStandIn standIn = new AutovacuumStandIn(url, user, password);
        try (Connection connection = standIn.connect(); Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery("SHOW autovacuum")) {
            if (setting.next() && "off".equals(setting.getString(1))) {
                standIn.start();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server's autovacuum setting", e);
        }
        return standIn;
    }

    boolean active() {
        return worker != null;
    }

    /** What it did: "3 VACUUM (ANALYZE), 40 ANALYZE". */
    String summary() {
        return vacuums.get() + " VACUUM (ANALYZE), " + analyses.get() + " ANALYZE";
    }

    private void start() {
        running = true;
        worker = new Thread(this::run, "bench-autovacuum-stand-in");
        worker.setDaemon(true);
        worker.start();
    }

    private void run() {
        while (running) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                // autovacuum's own throttle (autovacuum_vacuum_cost_delay 2 ms, cost limit 200)
                statement.execute("SET vacuum_cost_delay = '2ms'");
                statement.execute("SET vacuum_cost_limit = 200");
                while (running) {
                    for (Due due : due(statement)) {
                        if (!running) {
                            return;
                        }
                        statement.execute((due.vacuum() ? "VACUUM (ANALYZE) " : "ANALYZE ") + quoted(due.table()));
                        (due.vacuum() ? vacuums : analyses).incrementAndGet();
                    }
                    Thread.sleep(NAP_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                // a table dropped while it was due, the database going away at the end: look again after a nap
                try {
                    Thread.sleep(NAP_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private record Due(String table, boolean vacuum) {
    }

    private static List<Due> due(Statement statement) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(DUE)) {
            while (rows.next()) {
                due.add(new Due(rows.getString("relname"), rows.getBoolean("vacuum")));
            }
        }
        return due;
    }

    private static String quoted(String table) {
        return "\"" + table.replace("\"", "\"\"") + "\"";
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
