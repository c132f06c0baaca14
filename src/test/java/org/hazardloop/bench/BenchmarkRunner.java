package org.hazardloop.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs the measurements in order on one application and broker, and writes the report. */
final class BenchmarkRunner {

    /** The report and what it says. */
    record Outcome(Path report, BenchmarkResults results) {
    }

    private static final String[] ENGINE_SETTINGS = {
            "camunda.bpm.history-level",
            "camunda.bpm.job-execution.core-pool-size",
            "camunda.bpm.job-execution.max-pool-size",
            "camunda.bpm.job-execution.queue-capacity",
            "camunda.bpm.job-execution.max-jobs-per-acquisition",
            "camunda.bpm.job-execution.wait-time-in-millis",
            "camunda.bpm.job-execution.max-wait",
            "camunda.bpm.job-execution.backoff-time-in-millis",
            "camunda.bpm.job-execution.max-backoff",
            "camunda.bpm.job-execution.lock-time-in-millis",
            "camunda.bpm.generic-properties.properties.history-cleanup-batch-window-start-time",
            "camunda.bpm.generic-properties.properties.history-cleanup-batch-window-end-time",
            "hazardloop.events.relay.batch-size",
            "hazardloop.events.reports.concurrency"};

    private BenchmarkRunner() {
    }

    private interface Phase {
        void run() throws Exception;
    }

    /**
     * Runs a phase, from tables as autovacuum keeps them, and notes how long it took (catching up included): the
     * default run has to fit in its time (docs/performance.md).
     */
    private static void timed(BenchmarkResults results, BenchmarkEnvironment environment, String name, Phase phase)
            throws Exception {
        long start = System.nanoTime();
        try {
            environment.settle();
            phase.run();
        } finally {
            results.fact("time taken by the " + name + " phase", Math.round((System.nanoTime() - start) / 1e9) + " s");
        }
    }

    static Outcome run(BenchmarkSettings settings, String command) throws Exception {
        OffsetDateTime started = OffsetDateTime.now();
        long start = System.nanoTime();
        String loadAtStart = BenchmarkReport.loadAverage();
        String runId = "bench-" + started.format(DateTimeFormatter.ofPattern("MMddHHmmss")) + "-"
                + UUID.randomUUID().toString().substring(0, 4);
        BenchmarkResults results = new BenchmarkResults();
        String database;
        String postgres;
        Map<String, String> engineSettings = new LinkedHashMap<>();
        try (BenchmarkEnvironment environment = BenchmarkEnvironment.start(settings)) {
            JdbcClient jdbc = environment.bean(JdbcClient.class);
            database = jdbc.sql("SELECT current_database()").query(String.class).single();
            postgres = jdbc.sql("SHOW server_version").query(String.class).single()
                    + ", shared_buffers " + jdbc.sql("SHOW shared_buffers").query(String.class).single()
                    + ", synchronous_commit " + jdbc.sql("SHOW synchronous_commit").query(String.class).single();
            Environment env = environment.context().getEnvironment();
            for (String name : ENGINE_SETTINGS) {
                engineSettings.put(name, env.getProperty(name, "(default)"));
            }
            RepositoryService repository = environment.bean(RepositoryService.class);
            String bare = BareClosedLoopProcess.deploy(repository);
            // The report is written again after each measurement: a run that fails late keeps what it measured.
            String runDatabase = database;
            String runPostgres = postgres;
            Runnable checkpoint = () -> {
                try {
                    BenchmarkReport.write(settings.output(), settings, results, new BenchmarkReport.RunInfo(started,
                            Duration.ofNanos(System.nanoTime() - start), command + " (partial: the run did not finish)",
                            runDatabase, runPostgres, loadAtStart, BenchmarkReport.loadAverage(), engineSettings));
                } catch (Exception e) {
                    results.note("partial report not written: " + e);
                }
            };
            try {
                // The ledger first: its smaller size is then the size asked for, not what the other phases left.
                // each phase starts from tables as autovacuum keeps them, whatever the phase before wrote
                if (settings.phases().contains("ledger")) {
                    timed(results, environment, "ledger", () -> new LedgerQueryBenchmark(environment, settings, results).run());
                    checkpoint.run();
                }
                ThroughputBenchmark throughput = new ThroughputBenchmark(environment, settings, results, runId);
                if (settings.phases().contains("throughput")) {
                    timed(results, environment, "throughput", throughput::run);
                    checkpoint.run();
                }
                if (settings.phases().contains("ingestion")) {
                    timed(results, environment, "ingestion", () -> new IngestionBenchmark(environment, settings, results, runId).run());
                    checkpoint.run();
                }
                if (settings.phases().contains("storage") && settings.phases().contains("throughput")) {
                    timed(results, environment, "storage", () -> new StorageBenchmark(environment, results).run(throughput.appPrefix()));
                    checkpoint.run();
                }
                // Last: it restarts the application with the job executor's defaults for its baseline.
                if (settings.phases().contains("escalation")) {
                    timed(results, environment, "escalation", () -> new EscalationBenchmark(environment, settings, results, runId).run());
                }
            } finally {
                results.fact("autovacuum", environment.autovacuum());
                if (settings.removeBaseline()) {
                    // the escalation phase restarts the application: ask the running engine
                    RepositoryService current = environment.bean(RepositoryService.class);
                    current.deleteDeployment(bare, true);
                    current.createDeploymentQuery().deploymentName("bench-bare-timer").list()
                            .forEach(d -> current.deleteDeployment(d.getId(), true));
                }
            }
        }
        Path report = BenchmarkReport.write(settings.output(), settings, results, new BenchmarkReport.RunInfo(started,
                Duration.ofNanos(System.nanoTime() - start), command, database, postgres, loadAtStart,
                BenchmarkReport.loadAverage(), engineSettings));
        return new Outcome(report, results);
    }
}
