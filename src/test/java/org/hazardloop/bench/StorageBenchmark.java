package org.hazardloop.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.hazardloop.process.ProcessVariables;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measurement 5: bytes per closed hazard — the engine's history, the ledger and the outbox rows of the hazards
 * the closed-loop phase closed — and history cleanup at work: the same hazards' history given a removal time in
 * the past and removed by the engine's cleanup job, while their ledger rows stay.
 */
final class StorageBenchmark {

    static final String SECTION = "5. Storage";

    private final BenchmarkEnvironment environment;
    private final BenchmarkResults results;

    StorageBenchmark(BenchmarkEnvironment environment, BenchmarkResults results) {
        this.environment = environment;
        this.results = results;
    }

    /** Where a closed hazard's rows live, and how to find them from its ledger row {@code h}. */
    private record Part(String group, String table, String join) {
    }

    void run(String reportIdPrefix) throws Exception {
        JdbcClient jdbc = environment.bean(JdbcClient.class);
        String sample = "h.report_id LIKE :prefix AND h.status = 'CLOSED'";
        long hazards = jdbc.sql("SELECT COUNT(*) FROM hl_hazard h WHERE " + sample)
                .param("prefix", reportIdPrefix + "%").query(Long.class).single();
        if (hazards == 0) {
            results.note("Storage: no closed hazard to measure.");
            return;
        }
        List<Part> parts = new ArrayList<>();
        for (String table : jdbc.sql("""
                SELECT table_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name LIKE 'act_hi_%' AND column_name = 'proc_inst_id_'
                 ORDER BY table_name""").query(String.class).list()) {
            parts.add(new Part("engine history", table, "t.proc_inst_id_ = h.process_instance_id"));
        }
        parts.add(new Part("engine history", "act_ge_bytearray", "t.root_proc_inst_id_ = h.process_instance_id"));
        parts.add(new Part("engine runtime (must be empty)", "act_ru_execution", "t.proc_inst_id_ = h.process_instance_id"));
        parts.add(new Part("ledger", "hl_hazard", "t.number = h.number"));
        parts.add(new Part("ledger", "hl_hazard_timeline", "t.hazard_number = h.number"));
        parts.add(new Part("outbox", "hl_outbox", "t.hazard_number = h.number"));

        List<List<String>> rows = new ArrayList<>();
        double totalRow = 0;
        double totalWithIndexes = 0;
        double history = 0;
        for (Part part : parts) {
            var measured = jdbc.sql("SELECT COUNT(*) AS n, COALESCE(SUM(pg_column_size(t.*)), 0) AS bytes FROM "
                            + part.table() + " t JOIN hl_hazard h ON " + part.join() + " WHERE " + sample)
                    .param("prefix", reportIdPrefix + "%")
                    .query((rs, i) -> new long[] {rs.getLong("n"), rs.getLong("bytes")}).single();
            if (measured[0] == 0 && !part.group().startsWith("engine runtime")) {
                continue;
            }
            // Indexes, estimated from the table as a whole: index bytes per heap byte.
            double indexFactor = jdbc.sql("SELECT CASE WHEN pg_relation_size(CAST(:t AS regclass)) = 0 THEN 0 ELSE "
                            + "CAST(pg_indexes_size(CAST(:t AS regclass)) AS float) / pg_relation_size(CAST(:t AS regclass)) END")
                    .param("t", part.table()).query(Double.class).single();
            double perHazard = measured[1] / (double) hazards;
            double withIndexes = perHazard * (1 + indexFactor);
            totalRow += perHazard;
            totalWithIndexes += withIndexes;
            if (part.group().equals("engine history")) {
                history += withIndexes;
            }
            rows.add(List.of(part.group(), part.table(), Figure.format(measured[0] / (double) hazards),
                    Figure.format(perHazard), Figure.format(withIndexes)));
        }
        results.table(SECTION, new BenchmarkResults.Table("Rows and bytes per closed hazard (" + hazards
                + " hazards of the closed-loop phase; row bytes by pg_column_size, indexes pro rata of each table)",
                List.of("part", "table", "rows per hazard", "row bytes per hazard", "with indexes"), rows));
        results.add(Figure.plain(SECTION, "bytes per closed hazard: engine history + ledger + outbox, rows", totalRow, "bytes"));
        results.add(Figure.plain(SECTION, "bytes per closed hazard, with indexes (estimated)", totalWithIndexes, "bytes"));
        results.add(Figure.plain(SECTION, "of which engine history, with indexes", history, "bytes"));
        cleanup(jdbc, reportIdPrefix, sample, hazards);
    }

    /** The configured retention, then the cleanup removing the sample's history once its removal time has passed. */
    private void cleanup(JdbcClient jdbc, String prefix, String sampleOfAll, long all) throws Exception {
        String sample = sampleOfAll;
        long hazards;
        RepositoryService repository = environment.bean(RepositoryService.class);
        HistoryService history = environment.bean(HistoryService.class);
        ManagementService management = environment.bean(ManagementService.class);
        Environment settings = environment.context().getEnvironment();
        ProcessDefinition definition = repository.createProcessDefinitionQuery()
                .processDefinitionKey(ProcessVariables.PROCESS_KEY).latestVersion().singleResult();
        String window = settings.getProperty("camunda.bpm.generic-properties.properties.history-cleanup-batch-window-start-time",
                "(none)") + "–" + settings.getProperty(
                "camunda.bpm.generic-properties.properties.history-cleanup-batch-window-end-time", "(none)");
        results.fact("history time-to-live of " + ProcessVariables.PROCESS_KEY + " / cleanup window",
                definition.getHistoryTimeToLive() + " days / " + window);

        // a sample of at most 300 hazards is enough to watch the cleanup, and keeps the run short
        List<String> instances = jdbc.sql("SELECT h.process_instance_id FROM hl_hazard h WHERE " + sample
                        + " ORDER BY h.number FETCH FIRST 300 ROWS ONLY")
                .param("prefix", prefix + "%").query(String.class).list();
        sample = sample + " AND h.process_instance_id IN (:instances)";
        hazards = instances.size();
        long historyRowsBefore = historyRows(jdbc, prefix, sample, instances);
        long start = System.nanoTime();
        Batch batch = history.setRemovalTimeToHistoricProcessInstances()
                .absoluteRemovalTime(Date.from(Instant.now().minus(Duration.ofDays(1))))
                .byIds(instances.toArray(String[]::new))
                .executeAsync();
        String finalSample = sample;
        // The batch's jobs done, not the batch gone: its monitor job looks only every batch poll time (30 s).
        IngestionBenchmark.await("the removal-time batch has run", Duration.ofSeconds(300),
                () -> management.createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId()).count() == 0
                        && management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).count() == 0);
        history.cleanUpHistoryAsync(true);
        IngestionBenchmark.await("history cleanup removed the sample's history", Duration.ofSeconds(300),
                () -> historyRows(jdbc, prefix, finalSample, instances) == 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        long historyRowsAfter = historyRows(jdbc, prefix, sample, instances);
        long ledgerRows = jdbc.sql("SELECT COUNT(*) FROM hl_hazard h WHERE " + sample)
                .param("prefix", prefix + "%").param("instances", instances).query(Long.class).single();
        results.fact("history cleanup: engine history rows of the " + hazards + " sample hazards before / after; seconds;"
                        + " ledger rows kept", historyRowsBefore + " / " + historyRowsAfter + "; " + Figure.format(seconds)
                        + " s; " + ledgerRows);
    }

    private static long historyRows(JdbcClient jdbc, String prefix, String sample, List<String> instances) {
        long total = 0;
        for (String table : jdbc.sql("""
                SELECT table_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name LIKE 'act_hi_%' AND column_name = 'proc_inst_id_'""")
                .query(String.class).list()) {
            total += jdbc.sql("SELECT COUNT(*) FROM " + table + " t JOIN hl_hazard h ON t.proc_inst_id_ = h.process_instance_id"
                    + " WHERE " + sample).param("prefix", prefix + "%").param("instances", instances)
                    .query(Long.class).single();
        }
        return total;
    }
}
