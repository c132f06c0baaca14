package org.hazardloop.hazard;

import java.util.List;

/** A {@link StatementsMigration} whose statements run on PostgreSQL and are left out on H2 (the tally). */
abstract class PostgresOnlyMigration extends StatementsMigration {

    PostgresOnlyMigration(String version, String description, List<String> statements) {
        super(version, description, statements);
    }

    @Override
    final String forDatabase(String statement, boolean postgres) {
        return postgres ? statement : null;
    }
}
