package org.hazardloop.hazard;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration 80: the ledger at a million rows (docs/performance.md, ledger queries).
 *
 * <p><b>The tally.</b> A count over the whole ledger or a district's subtree reads as many index entries as there
 * are hazards, so the statistics and the list's total grew with the ledger (a quarter of a second for the whole
 * ledger at a million rows). {@code hl_hazard_tally} keeps the number of hazards per grid path, status, grade and
 * shard, maintained by statement-level triggers on {@code hl_hazard} in the same transaction as every insert,
 * update and delete — including bulk loads — so its figures are exact. A subtree's figures are then a sum over
 * its units' tally rows, however many hazards they hold. The shard (a hash of the hazard number, 0–7) spreads
 * concurrent steps of hazards of the same unit over eight rows, so they seldom wait for each other's commit;
 * each statement locks its tally rows in key order, so two steps cannot deadlock on them.
 *
 * <p><b>Two indexes.</b> A subtree's hazards of one sector, and the overdue hazards of a subtree (open status,
 * deadline passed), each from one index range.
 *
 * <p>PostgreSQL only: the triggers are PL/pgSQL with transition tables. On H2 (the embedded default, one small
 * ledger) nothing is created and the ledger is counted directly ({@link LedgerTally#available()}). A Java
 * migration for the same reason as {@link LedgerQueryIndexes}: the SQL differs by database.
 */
@Component
public class LedgerTallyMigration implements JavaMigration {

    static final int SHARDS = 8;

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
            """
            CREATE FUNCTION hl_hazard_tally_apply() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO hl_hazard_tally AS t (grid_path, status, grade, shard, hazards)
                    SELECT %1$s, COUNT(*) FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                    ON CONFLICT (grid_path, status, grade, shard) DO UPDATE SET hazards = t.hazards + EXCLUDED.hazards;
                ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO hl_hazard_tally AS t (grid_path, status, grade, shard, hazards)
                    SELECT %1$s, -COUNT(*) FROM old_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                    ON CONFLICT (grid_path, status, grade, shard) DO UPDATE SET hazards = t.hazards + EXCLUDED.hazards;
                ELSE
                    INSERT INTO hl_hazard_tally AS t (grid_path, status, grade, shard, hazards)
                    SELECT grid_path, status, grade, shard, SUM(delta) FROM (
                        SELECT %1$s, 1 FROM new_rows
                        UNION ALL
                        SELECT %1$s, -1 FROM old_rows) AS changes (grid_path, status, grade, shard, delta)
                    GROUP BY 1, 2, 3, 4 HAVING SUM(delta) <> 0 ORDER BY 1, 2, 3, 4
                    ON CONFLICT (grid_path, status, grade, shard) DO UPDATE SET hazards = t.hazards + EXCLUDED.hazards;
                END IF;
                RETURN NULL;
            END
            $$""".formatted(KEY),
            "CREATE TRIGGER hl_hazard_tally_insert AFTER INSERT ON hl_hazard REFERENCING NEW TABLE AS new_rows"
                    + " FOR EACH STATEMENT EXECUTE FUNCTION hl_hazard_tally_apply()",
            "CREATE TRIGGER hl_hazard_tally_update AFTER UPDATE ON hl_hazard REFERENCING OLD TABLE AS old_rows"
                    + " NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hl_hazard_tally_apply()",
            "CREATE TRIGGER hl_hazard_tally_delete AFTER DELETE ON hl_hazard REFERENCING OLD TABLE AS old_rows"
                    + " FOR EACH STATEMENT EXECUTE FUNCTION hl_hazard_tally_apply()",
            "INSERT INTO hl_hazard_tally (grid_path, status, grade, shard, hazards) SELECT " + KEY
                    + ", COUNT(*) FROM hl_hazard GROUP BY 1, 2, 3, 4",
            "CREATE INDEX hl_hazard_sector_subtree_idx ON hl_hazard (sector, grid_path varchar_pattern_ops)",
            "CREATE INDEX hl_hazard_open_subtree_idx ON hl_hazard (status, grid_path varchar_pattern_ops, deadline)");

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("80");
    }

    @Override
    public String getDescription() {
        return "ledger tally and indexes for a million hazards";
    }

    @Override
    public Integer getChecksum() {
        return String.join(";", STATEMENTS).hashCode();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : STATEMENTS) {
                statement.execute(sql);
            }
        }
    }
}
