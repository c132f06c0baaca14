package org.hazardloop.hazard;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration written in Java because its SQL differs by database: a list of statements, each adapted to
 * the database at hand or left out. The checksum is over the statements as written, so editing one is caught by
 * Flyway's validation like an edited .sql file.
 */
abstract class StatementsMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;
    private final List<String> statements;

    StatementsMigration(String version, String description, List<String> statements) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
        this.statements = List.copyOf(statements);
    }

    /** The statements as written. */
    final List<String> statements() {
        return statements;
    }

    /** The statement as this database runs it, or null where it does not apply. */
    abstract String forDatabase(String statement, boolean postgres);

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return String.join(";", statements()).hashCode();
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
            for (String sql : statements()) {
                String adapted = forDatabase(sql, postgres);
                if (adapted != null) {
                    statement.execute(adapted);
                }
            }
        }
    }
}
