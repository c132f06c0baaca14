package org.hazardloop.hazard;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
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
public class LedgerQueryIndexes implements JavaMigration {

    private static final String PATTERN_OPS = "{pattern_ops}";

    private static final List<String> STATEMENTS = List.of(
            // Subtree filter of lists and statistics; status, grade and deadline let the figures of a
            // subtree be counted from the index alone.
            "CREATE INDEX hl_hazard_subtree_idx ON hl_hazard (grid_path" + PATTERN_OPS + ", status, grade, deadline)",
            // Overdue = open status and a passed deadline, over the whole ledger.
            "CREATE INDEX hl_hazard_status_deadline_idx ON hl_hazard (status, deadline)",
            "CREATE INDEX hl_hazard_grade_idx ON hl_hazard (grade)",
            "CREATE INDEX hl_hazard_sector_idx ON hl_hazard (sector)");

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("20");
    }

    @Override
    public String getDescription() {
        return "ledger query indexes";
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
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        try (Statement statement = connection.createStatement()) {
            for (String sql : STATEMENTS) {
                statement.execute(sql.replace(PATTERN_OPS, postgres ? " varchar_pattern_ops" : ""));
            }
        }
    }
}
