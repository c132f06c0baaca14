package org.hazardloop.hazard;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Migration 81: the tally counts a step's status change when the step commits.
 *
 * <p>The tally's row-level update trigger ({@link LedgerTallyMigration}) changed the tally rows of a hazard's grid
 * unit as soon as the step updated the ledger, and so held them locked for the rest of the engine command — the
 * engine writes its own rows at the end of the command, after the listeners. Concurrent steps of hazards of one
 * grid unit then waited for each other's whole command (the benchmark found a third of its sessions waiting so,
 * docs/performance.md). As a deferred constraint trigger it runs at commit: the tally rows are held only while
 * the transaction commits, and the count is exactly as before. A rolled-back step never reaches its trigger.
 *
 * <p>PostgreSQL only, like the tally itself.
 */
@Component
public class LedgerTallyAtCommitMigration extends PostgresOnlyMigration {

    private static final List<String> STATEMENTS = List.of(
            "DROP TRIGGER hl_hazard_tally_update ON hl_hazard",
            "CREATE CONSTRAINT TRIGGER hl_hazard_tally_update AFTER UPDATE ON hl_hazard"
                    + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
                    + " WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.grade IS DISTINCT FROM NEW.grade"
                    + " OR OLD.grid_path IS DISTINCT FROM NEW.grid_path OR OLD.number IS DISTINCT FROM NEW.number)"
                    + " EXECUTE FUNCTION hl_hazard_tally_change()");

    public LedgerTallyAtCommitMigration() {
        super("81", "ledger tally counts status changes at commit", STATEMENTS);
    }
}
