package org.hazardloop.hazard;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Migration 84: four single-column indexes of the ledger that other indexes already hold, dropped.
 *
 * <p>A step's ledger update changes the status, so PostgreSQL cannot update the row in place (HOT) and writes an
 * entry in every index of {@code hl_hazard}, whichever columns changed: each index costs every step of every hazard.
 * These four are each the leading column of another index, which serves every filter they served:
 * {@code status} of {@code hl_hazard_status_deadline_idx}, {@code responsible_department} of
 * {@code hl_hazard_department_status_idx}, {@code sector} of {@code hl_hazard_sector_subtree_idx} and
 * {@code grid_path} of {@code hl_hazard_subtree_idx} (its {@code varchar_pattern_ops} answer both the subtree prefix
 * and equality; the application never orders by grid path). No ledger query read them at a million rows
 * (docs/performance.md).
 *
 * <p>PostgreSQL only: on H2, the embedded default, the department and sector indexes are the only ones for their
 * filters (the composite ones are PostgreSQL's, like the tally), and a small file database gains nothing here.
 */
@Component
public class RedundantLedgerIndexesMigration extends PostgresOnlyMigration {

    /** The indexes this migration drops. */
    static final List<String> DROPPED = List.of("hl_hazard_status_idx", "hl_hazard_department_idx",
            "hl_hazard_sector_idx", "hl_hazard_grid_path_idx");

    public RedundantLedgerIndexesMigration() {
        super("84", "ledger indexes held by other indexes dropped",
                DROPPED.stream().map(index -> "DROP INDEX IF EXISTS " + index).toList());
    }
}
