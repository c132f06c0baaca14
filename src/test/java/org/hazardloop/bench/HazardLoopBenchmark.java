package org.hazardloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The benchmark run: {@code ./mvnw -Pbench test} or {@code bench/run.sh} (docs/performance.md). Not part of the
 * normal suite (surefire's default patterns do not match this name; the bench profile includes only this class).
 * It asserts nothing about time: the report says which targets were met.
 */
class HazardLoopBenchmark {

    @Test
    void run() throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        BenchmarkRunner.Outcome outcome = BenchmarkRunner.run(settings,
                System.getProperty("bench.command", "./mvnw -Pbench test"));
        System.out.println("Benchmark report: " + outcome.report().toAbsolutePath());
        assertThat(outcome.report()).exists();
    }
}
