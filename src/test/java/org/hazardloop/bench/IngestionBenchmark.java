package org.hazardloop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.camunda.bpm.engine.RuntimeService;
import org.hazardloop.events.EventsProperties;
import org.hazardloop.events.OutboxStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Measurement 4: a burst of reports on {@code hazard.reports}. The report consumer is paused while the burst is
 * put on the topic, then resumed: hazards started per second until the last one is in the ledger, against bare
 * Camunda process starts per second from as many threads as the consumer has; the consumer group's lag must
 * come back to zero, and no report may go to the dead-letter topic. Before the burst, a warm-up of reports is stored
 * unmeasured ({@code bench.report-warmup}, {@link #warmUp}).
 */
final class IngestionBenchmark {

    static final String SECTION = "4. Report ingestion";
    private static final String LISTENER_ID = "hazard-reports";

    private final BenchmarkEnvironment environment;
    private final BenchmarkSettings settings;
    private final BenchmarkResults results;
    private final String runId;
    private final CpuMeter cpu = new CpuMeter();

    IngestionBenchmark(BenchmarkEnvironment environment, BenchmarkSettings settings, BenchmarkResults results,
                       String runId) {
        this.environment = environment;
        this.settings = settings;
        this.results = results;
        this.runId = runId;
    }

    void run() throws Exception {
        EventsProperties events = environment.bean(EventsProperties.class);
        JdbcClient jdbc = environment.bean(JdbcClient.class);
        String topic = events.topics().reports();
        String prefix = runId + "-ingest-";
        MessageListenerContainer container = environment.bean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(LISTENER_ID);
        await("the report consumer has its partitions", Duration.ofSeconds(60),
                () -> container.isRunning() && container.getAssignedPartitions() != null
                        && !container.getAssignedPartitions().isEmpty());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers()))) {
            long deadLettersBefore = endOffsets(admin, events.topics().reportsDeadLetter());
            if (settings.reportWarmup() > 0) {
                warmUp(admin, jdbc, events, topic);
            }
            container.pause();
            await("the report consumer is paused", Duration.ofSeconds(30), container::isContainerPaused);
            produce(topic, prefix, settings.reports());

            long start = System.nanoTime();
            OffsetDateTime resumed = OffsetDateTime.now();
            CpuMeter.Snapshot atResume = cpu.take();
            long maintenanceAtResume = environment.maintenanceNanos();
            container.resume();
            // The probe must not load the database it measures: at a million ledger rows a count by report-id prefix
            // reads the whole table, so it is limited to the rows reported since the resume (an index range), asked
            // every 200 ms, and the end is the last hazard's own reported_at, not the moment the probe saw it.
            Instant[] last = new Instant[1];
            Duration limit = Duration.ofSeconds(120 + settings.reports() / 20);
            await("all " + settings.reports() + " reports started hazards", limit, Duration.ofMillis(200), () -> {
                Map<String, Object> row = jdbc.sql("SELECT COUNT(*) AS started, MAX(reported_at) AS last FROM hl_hazard"
                                + " WHERE reported_at >= :since AND report_id LIKE :prefix")
                        .param("since", resumed.minusSeconds(1)).param("prefix", prefix + "%").query().singleRow();
                Object at = row.get("last");
                last[0] = at instanceof Timestamp t ? t.toInstant() : at instanceof OffsetDateTime o ? o.toInstant() : null;
                return ((Number) row.get("started")).longValue() >= settings.reports();
            });
            CpuMeter.Usage burstCpu = CpuMeter.between(atResume, cpu.take());
            long burstMaintenance = environment.maintenanceNanos() - maintenanceAtResume;
            double seconds = Duration.between(resumed.toInstant(), last[0]).toNanos() / 1e9;
            awaitConsumed(admin, events, topic, "the burst");
            double lagZeroSeconds = (System.nanoTime() - start) / 1e9;
            long deadLetters = endOffsets(admin, events.topics().reportsDeadLetter()) - deadLettersBefore;
            awaitPublished("the burst");
            double outboxDrained = (System.nanoTime() - start) / 1e9;

            double rate = settings.reports() / seconds;
            int threads = events.reports().concurrency();
            // the burst has just added a million engine rows: the baseline runs on tables as autovacuum keeps them
            environment.settle();
            BareStarts bare = bareStarts(threads);
            results.add(Figure.atLeast(SECTION, "hazards started per second from a burst of " + settings.reports()
                            + " reports on " + topic + " (" + threads + " consumer thread" + (threads == 1 ? "" : "s") + ")",
                    rate, "hazards/s", new Figure.Baseline("bare Camunda process starts, " + threads + " thread"
                            + (threads == 1 ? "" : "s"), bare.perSecond(), "starts/s"), 0.8));
            results.table(SECTION, new BenchmarkResults.Table("Processor time per hazard started from the burst and per"
                    + " bare process start (ms; the JVM's threads by group, and PostgreSQL's processes)",
                    List.of("where", "hazard from a report", "bare process start"),
                    CpuMeter.perOperationRows(List.of(burstCpu, bare.cpu()), List.of((long) settings.reports(), bare.started()))));
            results.fact("report burst: last hazard stored after / consumer lag zero after / outbox empty after",
                    Figure.format(seconds) + " s / " + Figure.format(lagZeroSeconds) + " s / "
                            + Figure.format(outboxDrained) + " s");
            results.fact("report burst: processor time per hazard started, from the resume until the probe saw the last",
                    burstCpu.per(settings.reports(), "hazard"));
            if (environment.maintenanceNanos() > 0) {
                // the stand-in analyses while the tables grow; a burst that writes more rows than the baseline's
                // starts makes it analyse more often, and its statements run on the same two cores
                results.fact("autovacuum stand-in's ANALYZE during the report burst / during the bare starts",
                        maintenance(burstMaintenance, settings.reports(), "hazard") + " / "
                                + maintenance(bare.maintenanceNanos(), bare.started(), "start"));
            }
            results.fact("report burst: consumer lag at the end / reports dead-lettered",
                    lag(admin, events.reports().groupId(), topic) + " / " + deadLetters);
        }
    }

    /**
     * Reports put on the topic and stored before the burst, unmeasured: the consumer's path (Kafka records, JSON, the
     * batch listener, the report's checks) runs there for the first time in the run, and the JIT compiler's work on it
     * falls on them, as the closed loop's warm-up takes it off the first measured loop. The burst and the bare starts
     * after it then both run code that has run before. Their rate, cold, is a fact of the report.
     */
    private void warmUp(Admin admin, JdbcClient jdbc, EventsProperties events, String topic) throws Exception {
        String prefix = runId + "-warmup-report-";
        OffsetDateTime since = OffsetDateTime.now().minusSeconds(1);
        long start = System.nanoTime();
        produce(topic, prefix, settings.reportWarmup());
        await("all " + settings.reportWarmup() + " warm-up reports started hazards",
                Duration.ofSeconds(120 + settings.reportWarmup() / 20), Duration.ofMillis(200),
                () -> jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE reported_at >= :since AND report_id LIKE :prefix")
                        .param("since", since).param("prefix", prefix + "%").query(Long.class).single()
                        >= settings.reportWarmup());
        double seconds = (System.nanoTime() - start) / 1e9;
        awaitConsumed(admin, events, topic, "the warm-up");
        awaitPublished("the warm-up");
        results.fact("report warm-up before the burst, unmeasured: reports put on the topic and stored",
                settings.reportWarmup() + " in " + Figure.format(seconds) + " s ("
                        + Figure.format(settings.reportWarmup() / seconds) + " hazards/s, sending included)");
        // the warm-up's rows are tables' growth like any other: the burst starts from tables as autovacuum keeps them
        environment.settle();
    }

    /** The consumer group's lag on the reports topic is back to zero after {@code what}. */
    private static void awaitConsumed(Admin admin, EventsProperties events, String topic, String what) throws Exception {
        await("the consumer group's lag is back to zero after " + what, Duration.ofSeconds(60),
                () -> lag(admin, events.reports().groupId(), topic) == 0);
    }

    /** The outbox has published every hazard.reported event of {@code what}. */
    private void awaitPublished(String what) throws Exception {
        OutboxStore outbox = environment.bean(OutboxStore.class);
        await("the outbox has published the hazard.reported events of " + what, Duration.ofSeconds(120),
                () -> outbox.backlog().unsent() == 0);
    }

    private void produce(String topic, String prefix, int count) throws Exception {
        ObjectMapper json = environment.bean(ObjectMapper.class);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                String reportId = prefix + i;
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("reportId", reportId);
                report.put("reporter", ClosedLoops.REPORTER);
                report.put("title", "消防通道堆放杂物");
                report.put("description", "巡查 App 上报：3 号仓库东侧消防通道被纸箱堵塞");
                report.put("sector", "FIRE");
                report.put("location", "长安镇新华社区工业路 18 号");
                report.put("gridUnit", ClosedLoops.GRID_UNIT);
                producer.send(new ProducerRecord<>(topic, reportId, json.writeValueAsString(report)));
            }
            producer.flush();
        }
    }

    /** How many bare process starts there were, how fast, and the processor time they took. */
    private record BareStarts(long started, double perSecond, CpuMeter.Usage cpu, long maintenanceNanos) {
    }

    /** "3.21 s, 0.160 ms per hazard". */
    private static String maintenance(long nanos, long operations, String operation) {
        return Figure.format(nanos / 1e9) + " s, " + Figure.format(nanos / 1e6 / Math.max(1, operations))
                + " ms per " + operation;
    }

    /** Bare process starts from {@code threads} threads, as many as the consumer has. */
    private BareStarts bareStarts(int threads) throws InterruptedException {
        RuntimeService runtime = environment.bean(RuntimeService.class);
        int each = Math.max(1, settings.bareStarts() / threads);
        AtomicLong failures = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        // the workers stay alive until their processor time is read: a thread that has ended is not in the reading
        CountDownLatch finished = new CountDownLatch(threads);
        CountDownLatch measured = new CountDownLatch(1);
        CpuMeter.Snapshot before = cpu.take();
        long maintenanceBefore = environment.maintenanceNanos();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            String prefix = runId + "-bare-start-" + t + "-";
            Thread worker = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    try {
                        runtime.startProcessInstanceByKey(BareClosedLoopProcess.KEY, prefix + i,
                                ClosedLoops.bareStartVariables(prefix + i));
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
                finished.countDown();
                try {
                    measured.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-bare-starts-" + t);
            workers.add(worker);
            worker.start();
        }
        finished.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuMeter.Usage used = CpuMeter.between(before, cpu.take());
        long maintenance = environment.maintenanceNanos() - maintenanceBefore;
        measured.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long started = each * threads - failures.get();
        results.fact("bare process starts: started / failed", started + " / " + failures.get());
        results.fact("bare process starts: processor time per start", used.per(started, "start"));
        return new BareStarts(started, started / seconds, used, maintenance);
    }

    private static long endOffsets(Admin admin, String topic) throws ExecutionException, InterruptedException {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** End offsets minus the group's committed offsets, over the topic's partitions. */
    static long lag(Admin admin, String group, String topic) throws ExecutionException, InterruptedException {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        var ends = admin.listOffsets(request).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    interface Check {
        boolean done() throws Exception;
    }

    static void await(String what, Duration limit, Check check) throws Exception {
        await(what, limit, Duration.ofMillis(50), check);
    }

    static void await(String what, Duration limit, Duration every, Check check) throws Exception {
        long until = System.nanoTime() + limit.toNanos();
        while (!check.done()) {
            if (System.nanoTime() > until) {
                throw new TimeoutException("waited " + limit.toSeconds() + " s for " + what);
            }
            Thread.sleep(every.toMillis());
        }
    }
}
