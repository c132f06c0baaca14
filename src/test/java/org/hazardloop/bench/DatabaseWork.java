package org.hazardloop.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the database did during a phase, from PostgreSQL's cumulative table statistics
 * ({@code pg_stat_user_tables}): rows inserted, updated and deleted and index and sequential scans, per table.
 * The difference of two snapshots divided by the loops run says where a loop's database work goes.
 */
final class DatabaseWork {

    /** Counters of one table. */
    record Counters(long inserted, long updated, long deleted, long indexScans, long seqScans) {

        Counters minus(Counters before) {
            return new Counters(inserted - before.inserted, updated - before.updated, deleted - before.deleted,
                    indexScans - before.indexScans, seqScans - before.seqScans);
        }

        long writes() {
            return inserted + updated + deleted;
        }
    }

    private DatabaseWork() {
    }

    static Map<String, Counters> snapshot(JdbcClient jdbc) {
        // statistics are flushed by each backend at most once a second (PostgreSQL 15); ask for it now
        try {
            jdbc.sql("SELECT pg_stat_force_next_flush()").query(Object.class).optional();
        } catch (RuntimeException olderServer) {
            // before PostgreSQL 15: the counters lag by up to the stats interval
        }
        LoadRun.sleepQuietly(1200);
        Map<String, Counters> counters = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT relname, n_tup_ins, n_tup_upd, n_tup_del, COALESCE(idx_scan, 0) AS idx_scan, seq_scan
                  FROM pg_stat_user_tables WHERE schemaname = current_schema() ORDER BY relname""")
                .query(rs -> {
                    counters.put(rs.getString("relname"), new Counters(rs.getLong("n_tup_ins"), rs.getLong("n_tup_upd"),
                            rs.getLong("n_tup_del"), rs.getLong("idx_scan"), rs.getLong("seq_scan")));
                });
        return counters;
    }

    static Map<String, Counters> difference(Map<String, Counters> after, Map<String, Counters> before) {
        Map<String, Counters> delta = new LinkedHashMap<>();
        after.forEach((table, counters) -> {
            Counters d = counters.minus(before.getOrDefault(table, new Counters(0, 0, 0, 0, 0)));
            if (d.writes() > 0 || d.indexScans() > 0 || d.seqScans() > 0) {
                delta.put(table, d);
            }
        });
        return delta;
    }
}
