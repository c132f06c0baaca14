package org.hazardloop.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does what autovacuum would on a server that has it switched off (the machine this project is built on runs
 * PostgreSQL with {@code autovacuum = off}; a production server has it on): between measurements, every table that
 * has changed by more than autovacuum's thresholds is vacuumed or analysed. Without it a table that starts empty and
 * grows by a million rows during the run keeps the statistics of an empty table, the planner reads it as one, and
 * the benchmark measures that instead of the application (seen: bare process starts at a third of their rate after
 * the report burst, 81.8 against 250–350 a second).
 *
 * <p>Vacuums between measurements, not during them: a vacuum of a table of a million rows running beside a measurement
 * on two cores would be measured with it (seen: a burst of timers drained at a sixth of its rate), where a
 * production server's autovacuum keeps up with months of growth in small steps. Analyses also during them, as
 * autovacuum would during a burst: without it a burst of 20,000 reports slowed from 82 hazards a second to 20 as the
 * plans chosen at its start fell behind the tables' growth. It looks for tables to analyse as often as autovacuum
 * visits a database by default (autovacuum_naptime, a minute; {@code bench.analyse-every}): looking every 10 s, it
 * found the young engine tables that a burst grows by a tenth every few seconds due at nearly every look, and its
 * analysing, on the same two cores, took a quarter of the report burst's time (docs/performance.md). Hand-written
 * because the server setting cannot be changed from a client and a restart with another configuration is not the
 * benchmark's to make. On a server with autovacuum on it only analyses the tables a measurement names. Its own
 * connection, so the application's pool is the application's.
 */
final class AutovacuumStandIn implements AutoCloseable {

    /**
     * The tables due, by PostgreSQL's default thresholds: vacuum for dead rows (autovacuum_vacuum_threshold 50,
     * scale factor 0.2) or for inserted ones (autovacuum_vacuum_insert_threshold 1000, scale factor 0.2), analyze for
     * changed ones (autovacuum_analyze_threshold 50, scale factor 0.1).
     */
    private static final String DUE = """
            SELECT relname, to_vacuum, to_analyze FROM (
                SELECT s.relname,
                       s.n_dead_tup > 50 + 0.2 * GREATEST(c.reltuples, 0)
                           OR s.n_ins_since_vacuum > 1000 + 0.2 * GREATEST(c.reltuples, 0) AS to_vacuum,
                       s.n_mod_since_analyze > 50 + 0.1 * GREATEST(c.reltuples, 0) AS to_analyze
                  FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
                 WHERE s.schemaname = current_schema()) t
             WHERE to_vacuum OR to_analyze""";

    private final String url;
    private final String user;
    private final String password;
    private final boolean active;
    private final long napMillis;
    private final AtomicInteger vacuums = new AtomicInteger();
    private final AtomicInteger analyses = new AtomicInteger();
    private final AtomicLong workNanos = new AtomicLong();
    private volatile boolean running;
    private Thread analyser;

    private AutovacuumStandIn(String url, String user, String password, boolean active, Duration nap) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.active = active;
        this.napMillis = nap.toMillis();
    }

    /**
     * The stand-in for this database: active if the server's autovacuum is off, then looking for tables to analyse
     * every {@code nap} (autovacuum_naptime).
     */
    static AutovacuumStandIn forDatabase(String url, String user, String password, Duration nap) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery("SHOW autovacuum")) {
            AutovacuumStandIn standIn = new AutovacuumStandIn(url, user, password,
                    setting.next() && "off".equals(setting.getString(1)), nap);
            if (standIn.active) {
                standIn.startAnalysing();
            }
            return standIn;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server's autovacuum setting", e);
        }
    }

    boolean active() {
        return active;
    }

    /** What it did: "3 VACUUM (ANALYZE), 40 ANALYZE". */
    String summary() {
        return vacuums.get() + " VACUUM (ANALYZE), " + analyses.get() + " ANALYZE";
    }

    /**
     * Does all the work due now, before a measurement: the database is then as autovacuum keeps one that gathered
     * its rows over months, and the measurement does not share the machine with catching up. With autovacuum on
     * it analyses the given tables, which autovacuum may not have reached yet after a set-up of a few seconds.
     */
    void catchUp(List<String> tablesIfAutovacuumIsOn) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            if (!active()) {
                for (String table : tablesIfAutovacuumIsOn) {
                    statement.execute("ANALYZE " + quoted(table));
                }
                return;
            }
            // a few passes: vacuuming one table can make another due; the running application keeps some changing
            for (int pass = 0; pass < 3; pass++) {
                List<Due> due = due(statement);
                if (due.isEmpty()) {
                    return;
                }
                for (Due table : due) {
                    work(statement, table);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("vacuum or analyze failed", e);
        }
    }

    /** Analyses what is due every {@link #napMillis}, until closed; vacuuming waits for {@link #catchUp}. */
    private void startAnalysing() {
        running = true;
        analyser = new Thread(() -> {
            while (running) {
                try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                    while (running) {
                        for (Due due : due(statement)) {
                            if (running && due.analyze()) {
                                work(statement, new Due(due.table(), false, true));
                            }
                        }
                        Thread.sleep(napMillis);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (SQLException e) {
                    // the database going away at the end, a table dropped while due: look again after a nap
                    try {
                        Thread.sleep(napMillis);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }, "bench-autovacuum-stand-in");
        analyser.setDaemon(true);
        analyser.start();
    }

    @Override
    public void close() {
        running = false;
        if (analyser != null) {
            analyser.interrupt();
            try {
                analyser.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * How long its statements have run so far, in nanoseconds: the difference over a measurement is the database's
     * time that went to the statistics during it, on the same two cores as the measured work.
     */
    long workNanos() {
        return workNanos.get();
    }

    private synchronized void work(Statement statement, Due due) throws SQLException {
        long start = System.nanoTime();
        try {
            statement.execute((due.vacuum() ? "VACUUM (ANALYZE) " : "ANALYZE ") + quoted(due.table()));
        } finally {
            workNanos.addAndGet(System.nanoTime() - start);
        }
        (due.vacuum() ? vacuums : analyses).incrementAndGet();
    }

    private record Due(String table, boolean vacuum, boolean analyze) {
    }

    private static List<Due> due(Statement statement) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(DUE)) {
            while (rows.next()) {
                due.add(new Due(rows.getString("relname"), rows.getBoolean("to_vacuum"), rows.getBoolean("to_analyze")));
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
}
