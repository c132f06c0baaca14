package org.hazardloop.hazard;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Migration 80: the ledger at a million rows (docs/performance.md, ledger queries).
 *
 * <p><b>The tally.</b> A count over the whole ledger or a district's subtree reads as many index entries as there
 * are hazards, so the statistics and the list's total grew with the ledger (a quarter of a second for the whole
 * ledger at a million rows). {@code hl_hazard_tally} keeps the number of hazards per grid path, status, grade and
 * shard, maintained by triggers on {@code hl_hazard} in the same transaction as every insert, update and delete —
 * bulk loads included — so its figures are exact. A subtree's figures are then a sum over
 * its units' tally rows, however many hazards they hold. The shard (a hash of the hazard number, 0–3) spreads
 * concurrent steps of hazards of the same unit over four rows, so they seldom wait for each other's commit (more
 * shards make the whole-ledger sum longer: 1,000 villages × 11 status-grade pairs × 4 shards is about 20,000 rows
 * at a million hazards); each statement locks its tally rows in key order, so two steps cannot deadlock on them.
 * Since migration 81 ({@link LedgerTallyAtCommitMigration}) a step's status change is counted when it commits.
 *
 * <p><b>Three indexes.</b> A subtree's hazards of one sector, the overdue hazards of a subtree (open status,
 * deadline passed), and a department's hazards in some statuses, each from one index range.
 *
 * <p>PostgreSQL only: the triggers are PL/pgSQL with transition tables. On H2 (the embedded default, one small
 * ledger) nothing is created and the ledger is counted directly ({@link LedgerTally#available()}). A Java
 * migration for the same reason as {@link LedgerQueryIndexes}: the SQL differs by database.
 */
@Component
public class LedgerTallyMigration extends PostgresOnlyMigration {

    static final int SHARDS = 4;

    private static final String KEY = "grid_path, status, COALESCE(grade, ''), MOD(ABS(HASHTEXT(number)), " + SHARDS + ")";

    private static final List<String> STATEMENTS = List.of(
            """
            CREATE TABLE hl_hazard_tally (
                grid_path VARCHAR(1000) NOT NULL,
                status    VARCHAR(24)   NOT NULL,
                grade     VARCHAR(16)   NOT NULL,
                shard     SMALLINT      NOT NULL,
                hazards   BIGINT        NOT NULL,
                PRIMARY KEY (grid_path, status, grade, shard))""",
            "CREATE INDEX hl_hazard_tally_subtree_idx ON hl_hazard_tally (grid_path varchar_pattern_ops, status, grade)",
            // Inserts and deletes: once per statement, over all its rows, so a bulk load adds its counts in one go.
            """
            CREATE FUNCTION hl_hazard_tally_rows() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO hl_hazard_tally AS t (grid_path, status, grade, shard, hazards)
                    SELECT %1$s, COUNT(*) FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                    ON CONFLICT (grid_path, status, grade, shard) DO UPDATE SET hazards = t.hazards + EXCLUDED.hazards;
                ELSE
                    INSERT INTO hl_hazard_tally AS t (grid_path, status, grade, shard, hazards)
                    SELECT %1$s, -COUNT(*) FROM old_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                    ON CONFLICT (grid_path, status, grade, shard) DO UPDATE SET hazards = t.hazards + EXCLUDED.hazards;
                END IF;
                RETURN NULL;
            END
            $$""".formatted(KEY),
            // Updates: per row, and only when a counted column changed (not for the process link, the five
            // implementations, ...); the old key's row and the new key's row are changed in key order.
            """
            CREATE FUNCTION hl_hazard_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO hl_hazard_tally AS t (grid_path, status, grade, shard, hazards)
                SELECT grid_path, status, grade, shard, SUM(delta) FROM (VALUES
                    (OLD.grid_path, OLD.status, COALESCE(OLD.grade, ''), MOD(ABS(HASHTEXT(OLD.number)), %1$d), -1),
                    (NEW.grid_path, NEW.status, COALESCE(NEW.grade, ''), MOD(ABS(HASHTEXT(NEW.number)), %1$d), 1))
                    AS changes (grid_path, status, grade, shard, delta)
                GROUP BY 1, 2, 3, 4 HAVING SUM(delta) <> 0 ORDER BY 1, 2, 3, 4
                ON CONFLICT (grid_path, status, grade, shard) DO UPDATE SET hazards = t.hazards + EXCLUDED.hazards;
                RETURN NULL;
            END
            $$""".formatted(SHARDS),
            "CREATE TRIGGER hl_hazard_tally_insert AFTER INSERT ON hl_hazard REFERENCING NEW TABLE AS new_rows"
                    + " FOR EACH STATEMENT EXECUTE FUNCTION hl_hazard_tally_rows()",
            "CREATE TRIGGER hl_hazard_tally_delete AFTER DELETE ON hl_hazard REFERENCING OLD TABLE AS old_rows"
                    + " FOR EACH STATEMENT EXECUTE FUNCTION hl_hazard_tally_rows()",
            "CREATE TRIGGER hl_hazard_tally_update AFTER UPDATE ON hl_hazard FOR EACH ROW"
                    + " WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.grade IS DISTINCT FROM NEW.grade"
                    + " OR OLD.grid_path IS DISTINCT FROM NEW.grid_path OR OLD.number IS DISTINCT FROM NEW.number)"
                    + " EXECUTE FUNCTION hl_hazard_tally_change()",
            "INSERT INTO hl_hazard_tally (grid_path, status, grade, shard, hazards) SELECT " + KEY
                    + ", COUNT(*) FROM hl_hazard GROUP BY 1, 2, 3, 4",
            "CREATE INDEX hl_hazard_sector_subtree_idx ON hl_hazard (sector, grid_path varchar_pattern_ops)",
            "CREATE INDEX hl_hazard_open_subtree_idx ON hl_hazard (status, grid_path varchar_pattern_ops, deadline)",
            "CREATE INDEX hl_hazard_department_status_idx ON hl_hazard (responsible_department, status)");

    public LedgerTallyMigration() {
        super("80", "ledger tally and indexes for a million hazards", STATEMENTS);
    }
}
