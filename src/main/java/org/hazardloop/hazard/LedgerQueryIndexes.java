package org.hazardloop.hazard;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Migration 20: the indexes behind the ledger list and the statistics.
 *
 * <p>A Java migration rather than a .sql file for one reason: the subtree filter is a prefix match
 * ({@code grid_path LIKE '/C01/D01/%'}), and PostgreSQL uses a b-tree for that only when the index
 * compares bytes — the {@code varchar_pattern_ops} class — unless the database collation is "C".
 * H2 has no operator classes and uses a plain index for the prefix. Everything else is the same SQL.
 */
@Component
public class LedgerQueryIndexes extends StatementsMigration {

    private static final String PATTERN_OPS = "{pattern_ops}";

    private static final List<String> STATEMENTS = List.of(
            // Subtree filter of lists and statistics; status, grade and deadline let the figures of a
            // subtree be counted from the index alone.
            "CREATE INDEX hl_hazard_subtree_idx ON hl_hazard (grid_path" + PATTERN_OPS + ", status, grade, deadline)",
            // Overdue = open status and a passed deadline, over the whole ledger.
            "CREATE INDEX hl_hazard_status_deadline_idx ON hl_hazard (status, deadline)",
            "CREATE INDEX hl_hazard_grade_idx ON hl_hazard (grade)",
            "CREATE INDEX hl_hazard_sector_idx ON hl_hazard (sector)");

    public LedgerQueryIndexes() {
        super("20", "ledger query indexes", STATEMENTS);
    }

    @Override
    String forDatabase(String statement, boolean postgres) {
        return statement.replace(PATTERN_OPS, postgres ? " varchar_pattern_ops" : "");
    }
}
