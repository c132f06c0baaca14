package org.hazardloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark at tiny sizes, so it keeps working as the code changes: every measurement runs end to end
 * against PostgreSQL and a real Kafka broker and the report is written. No figure is held to a time here.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path output;

    @Test
    void everyMeasurementRunsAndTheReportIsWritten() throws Exception {
        BenchmarkRunner.Outcome outcome = BenchmarkRunner.run(BenchmarkSettings.smoke(output), "smoke test");

        String report = Files.readString(outcome.report());
        assertThat(report).contains("1. Closed-loop throughput", "2. Escalation latency", "3. Ledger queries", "4. Report ingestion",
                "5. Storage", "bare Camunda", "raw JDBC", "REST API", "Query plans",
                "Processor time per closed loop", "Processor time per hazard started", "JVM: benchmark clients",
                "Processor time per escalation of each burst and per bare timer", "JVM: job executor");
        assertThat(outcome.results().figures()).extracting(Figure::section).contains(ThroughputBenchmark.SECTION,
                EscalationBenchmark.SECTION,
                LedgerQueryBenchmark.SECTION, IngestionBenchmark.SECTION, StorageBenchmark.SECTION);
        // Finite, not positive: a one-second window on a busy machine may see no loop finish inside it, and that is
        // a time, which this test does not judge. That the loops work is what the ledger fact below checks.
        assertThat(outcome.results().figures()).allSatisfy(f -> assertThat(f.value()).isFinite().isNotNegative());

        Map<String, String> facts = outcome.results().facts();
        assertThat(facts).containsEntry("errors in the closed-loop phases (app / bare / raw / REST)", "0 / 0 / 0 / 0");
        assertThat(facts.get("application loop: hazards closed in the ledger (warm-up included) / left open by a failed loop"))
                .endsWith(" / 0").doesNotStartWith("0 ");
        assertThat(facts).containsEntry("report burst: consumer lag at the end / reports dead-lettered", "0 / 0");
        assertThat(facts.get("report warm-up before the burst, unmeasured: reports put on the topic and stored"))
                .startsWith("4 in ");
        // processor time of the JVM and of the local PostgreSQL per operation, beside each rate (a loop may not finish
        // inside a one-second window, so the closed loop's may have nothing to divide by)
        assertThat(facts.get("report burst: processor time per hazard started, from the resume until the probe saw the last"))
                .matches("JVM [0-9.,]+ \\+ PostgreSQL [0-9.,]+ = [0-9.,]+ ms per hazard \\(machine idle \\d+ %\\)");
        assertThat(facts.get("bare process starts: processor time per start")).contains(" + PostgreSQL ");
        assertThat(facts).containsKey("processor time per closed loop in the measured windows: application's services"
                + " / bare Camunda / REST API");
        assertThat(facts).containsEntry("every hazard.overdue of a measured deadline received, exactly once by event id", "yes");
        // 200 open deadlines: 110 opened through the full path before, 10 to measure, 80 background (a template, 79 copies)
        assertThat(facts.get("background open deadlines put in place (up to 200) / time taken")).startsWith("80 / ");
        assertThat(facts.entrySet()).anySatisfy(fact -> {
            assertThat(fact.getKey()).startsWith("history cleanup");
            assertThat(fact.getValue()).matches("\\d+ / 0; .*");
        });

        var chart = ImageIO.read(output.resolve("ratios.png").toFile());
        assertThat(chart.getWidth()).isPositive();
        assertThat(output.resolve("query-plans.txt")).content().contains("hl_hazard", "Execution Time");
    }
}
