package org.hazardloop.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The database's raw commit rate through the application's own connection pool: each operation is one small
 * transaction that inserts a row and updates it, then commits — the least a closed-loop step can cost.
 * The table is the benchmark's own and is emptied afterwards.
 */
final class RawCommits {

    private RawCommits() {
    }

    static void createTable(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS bench_raw_commit (
                        id         BIGSERIAL PRIMARY KEY,
                        client     INTEGER NOT NULL,
                        n          BIGINT NOT NULL,
                        note       VARCHAR(200) NOT NULL,
                        updated_at TIMESTAMP WITH TIME ZONE NOT NULL)""");
        }
    }

    static void dropTable(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_raw_commit");
        }
    }

    static LoadRun.Operation operation(DataSource dataSource, int client) {
        return sequence -> {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                long id;
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO bench_raw_commit (client, n, note, updated_at) VALUES (?, ?, ?, now()) RETURNING id")) {
                    insert.setInt(1, client);
                    insert.setLong(2, sequence);
                    insert.setString(3, "隐患整改记录");
                    try (ResultSet keys = insert.executeQuery()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE bench_raw_commit SET n = n + 1, updated_at = now() WHERE id = ?")) {
                    update.setLong(1, id);
                    update.executeUpdate();
                }
                connection.commit();
            }
        };
    }
}
