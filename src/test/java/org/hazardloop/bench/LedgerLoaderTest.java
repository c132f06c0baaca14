package org.hazardloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A large bulk load of the benchmark's ledger drops the secondary indexes and builds them again after its COPY: the
 * ledger ends with every row loaded and exactly the indexes the migrations made, and the planner's statistics.
 */
@SpringBootTest
@ActiveProfiles("test")
class LedgerLoaderTest {

    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void aLoadThatRebuildsTheIndexesLeavesTheLedgersOwnIndexesAndEveryRow() throws Exception {
        LedgerLoader loader = new LedgerLoader(dataSource, jdbc);
        loader.ensureGrid();
        List<LedgerLoader.Index> before = indexes();
        long rows = loader.ledgerSize();
        OffsetDateTime start = OffsetDateTime.now().minusSeconds(1);

        loader.load(1_500, true);

        assertThat(loader.ledgerSize()).isEqualTo(rows + 1_500);
        // PostgreSQL prints a rebuilt partial index's condition with other casts; the same columns and a condition is
        // what matters (the benchmark's query plans show the planner still uses it)
        assertThat(shapes(indexes())).containsExactlyInAnyOrderElementsOf(shapes(before)).isNotEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pg_index WHERE indrelid = 'hl_hazard'::regclass AND NOT indisvalid")
                .query(Long.class).single()).isZero();
        // the tally, which answers the statistics, counted every loaded row once (per COPY statement)
        assertThat(jdbc.sql("SELECT COALESCE(SUM(hazards), 0) FROM hl_hazard_tally WHERE grid_path LIKE '/BC/%'")
                .query(Long.class).single()).isEqualTo(jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE grid_path LIKE '/BC/%'")
                .query(Long.class).single());
        assertThat(jdbc.sql("SELECT last_analyze >= :start FROM pg_stat_user_tables WHERE relname = 'hl_hazard'")
                .param("start", start).query(Boolean.class).single()).as("analysed after the load").isTrue();
    }

    private static List<String> shapes(List<LedgerLoader.Index> indexes) {
        return indexes.stream().map(index -> index.definition().replaceAll(" WHERE .*", " WHERE (condition)")).toList();
    }

    private List<LedgerLoader.Index> indexes() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return LedgerLoader.secondaryIndexes(connection);
        }
    }
}
