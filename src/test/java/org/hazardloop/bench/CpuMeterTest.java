package org.hazardloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The benchmark's processor-time figures: work done in this JVM counts as the JVM's, a query that keeps PostgreSQL
 * busy counts as PostgreSQL's (the tests' server runs on this machine), and two windows add up. Other test classes
 * may run beside it, so only lower bounds are asserted.
 */
@SpringBootTest
@ActiveProfiles("test")
class CpuMeterTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void processorTimeOfThisJvmAndOfPostgresqlIsCounted() {
        CpuMeter meter = new CpuMeter();
        CpuMeter.Snapshot before = meter.take();
        long spin = System.nanoTime() + 400_000_000L;
        long sum = 0;
        while (System.nanoTime() < spin) {
            sum += Long.numberOfTrailingZeros(System.nanoTime());
        }
        CpuMeter.Usage jvmBusy = CpuMeter.between(before, meter.take());
        assertThat(sum).isPositive();
        assertThat(jvmBusy.jvmSeconds()).isGreaterThan(0.25);
        assertThat(jvmBusy.postgresSeen()).isTrue();
        assertThat(jvmBusy.jvmGroupSeconds().values().stream().mapToDouble(Double::doubleValue).sum())
                .as("the JVM's threads by group add up to the spinning thread's time at least").isGreaterThan(0.25);

        CpuMeter.Snapshot beforeQuery = meter.take();
        long rows = jdbc.sql("SELECT COUNT(*) FROM generate_series(1, 5000000) AS n WHERE n % 7 = 3")
                .query(Long.class).single();
        CpuMeter.Usage postgresBusy = CpuMeter.between(beforeQuery, meter.take());
        assertThat(rows).isEqualTo(714_286);
        assertThat(postgresBusy.postgresSeconds()).isGreaterThan(0.1);

        assertThat(postgresBusy.per(2, "query")).startsWith("JVM ").contains(" + PostgreSQL ")
                .contains(" ms per query (machine idle ");
        CpuMeter.Usage both = jvmBusy.plus(postgresBusy);
        assertThat(both.jvmSeconds()).isEqualTo(jvmBusy.jvmSeconds() + postgresBusy.jvmSeconds());
        assertThat(both.seconds()).isEqualTo(jvmBusy.seconds() + postgresBusy.seconds());

        List<List<String>> table = CpuMeter.perOperationRows(List.of(jvmBusy, postgresBusy), List.of(1L, 0L));
        assertThat(table.get(table.size() - 2)).containsExactly("JVM, all threads",
                Figure.format(jvmBusy.jvmSeconds() * 1000), "–");
        assertThat(table.get(table.size() - 1).get(0)).isEqualTo("PostgreSQL");
    }

    @Test
    void threadsAreGroupedByWhatTheyDoFromTheirNamesAsTheOperatingSystemKeepsThem() {
        assertThat(CpuMeter.group("bench-app-3")).isEqualTo("benchmark clients (application and engine)");
        assertThat(CpuMeter.group("outbox-relay-ma")).isEqualTo("outbox relay and its Kafka producer");
        assertThat(CpuMeter.group("kafka-producer-")).isEqualTo("outbox relay and its Kafka producer");
        assertThat(CpuMeter.group("data-plane-kafk")).isEqualTo("Kafka broker");
        assertThat(CpuMeter.group("hazard-reports-")).isEqualTo("report consumer");
        assertThat(CpuMeter.group("C2 CompilerThre")).isEqualTo("JIT compiler");
        assertThat(CpuMeter.group("GC Thread#0")).isEqualTo("garbage collector and VM");
        assertThat(CpuMeter.group("camundaTaskExec")).isEqualTo("job executor");
        assertThat(CpuMeter.group("Finalizer")).isEqualTo("other");
    }
}
