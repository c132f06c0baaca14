package org.hazardloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
    }
}
