package org.hazardloop.hazard;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Migration 83: a reported hazard is counted in the tally when its report commits.
 *
 * <p>The tally's insert trigger ({@link LedgerTallyMigration}) ran at the end of the {@code INSERT} of the ledger row,
 * the first statement of a report, and so held the tally row of the grid unit's reported hazards (one of
 * {@value LedgerTallyMigration#SHARDS} shards) locked through the whole report: the process start, its first task and
 * grants, and the commit. Reports of one grid unit (an inspection round in a village, a burst on
 * {@code hazard.reports}) then waited for each other's whole report: in the benchmark's report burst the consumer
 * threads spent about 40 of 270 seconds waiting on that insert (docs/performance.md). As for status changes since
 * migration 81 ({@link LedgerTallyAtCommitMigration}), a row-level constraint trigger deferred to commit counts each
 * inserted row: the tally row is held only while the report commits, and the count is exactly as before.
 *
 * <p>A deferred trigger fires once per row, at commit. For a statement of many rows — a data migration, a bulk
 * {@code COPY} — a million per-row trigger calls at commit take about a minute, where the statement trigger counts
 * them in one grouped upsert. So a bulk load may ask for counting per statement instead: with the setting
 * {@value #BULK_INSERT_SETTING} {@code = on} for its transaction ({@link #BULK_INSERT}), its rows are left out by the
 * row trigger and counted by the statement trigger. Each row is counted by exactly one of the two, whichever way.
 *
 * <p>PostgreSQL only, like the tally itself.
 */
@Component
public class LedgerTallyInsertsAtCommitMigration extends PostgresOnlyMigration {

    /** The transaction-local setting under which inserted rows are counted per statement. */
    public static final String BULK_INSERT_SETTING = "hazardloop.tally_per_statement";

    /** Run inside a bulk load's transaction, before its inserts: they are counted per statement, not per row. */
    public static final String BULK_INSERT = "SELECT set_config('" + BULK_INSERT_SETTING + "', 'on', true)";

    private static final String PER_STATEMENT = "current_setting('" + BULK_INSERT_SETTING + "', true) = 'on'";

    private static final List<String> STATEMENTS = List.of(
            """
            CREATE FUNCTION hl_hazard_tally_added() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO hl_hazard_tally AS t (grid_path, status, grade, shard, hazards)
                VALUES (NEW.grid_path, NEW.status, COALESCE(NEW.grade, ''), MOD(ABS(HASHTEXT(NEW.number)), %d), 1)
                ON CONFLICT (grid_path, status, grade, shard) DO UPDATE SET hazards = t.hazards + 1;
                RETURN NULL;
            END
            $$""".formatted(LedgerTallyMigration.SHARDS),
            "DROP TRIGGER hl_hazard_tally_insert ON hl_hazard",
            "CREATE CONSTRAINT TRIGGER hl_hazard_tally_insert AFTER INSERT ON hl_hazard"
                    + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
                    + " WHEN ((" + PER_STATEMENT + ") IS NOT TRUE)"
                    + " EXECUTE FUNCTION hl_hazard_tally_added()",
            "CREATE TRIGGER hl_hazard_tally_bulk_insert AFTER INSERT ON hl_hazard REFERENCING NEW TABLE AS new_rows"
                    + " FOR EACH STATEMENT WHEN (" + PER_STATEMENT + ")"
                    + " EXECUTE FUNCTION hl_hazard_tally_rows()");

    public LedgerTallyInsertsAtCommitMigration() {
        super("83", "ledger tally counts reported hazards at commit", STATEMENTS);
    }
}
