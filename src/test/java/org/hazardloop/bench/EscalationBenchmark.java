package org.hazardloop.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.hazardloop.events.EventsProperties;

/**
 * Measurement 2: escalation latency. N hazards are open in rectification, each with the process's deadline timers;
 * a window of them falls due at a steady rate. Lateness = the arrival of the hazard's {@code hazard.overdue} event
 * at a Kafka consumer of {@code hazard.escalations} − its deadline; every event must arrive exactly once by id.
 * Then a burst: a number of deadlines at the same instant, drained at a rate compared with bare Camunda timers
 * falling due the same way in the same engine. Both again with the job executor's untuned Camunda defaults.
 *
 * <p>The open hazards are put in place the way a data migration would ({@link RectifyingHazards}): ledger rows
 * written in batches and each measured hazard's process started at {@code Task_RectifyHazard} through the
 * application's full path, in the transaction that links it. The background ones — deadlines weeks ahead, there to
 * fill the engine's job and runtime tables — are one such process, started without the application's task
 * listeners, and copies of its engine rows made in SQL ({@link EngineRowCopy}): a deployment gathers 50,000 open
 * deadlines over months, the run has minutes. What fires is the application's own timer path.
 */
final class EscalationBenchmark {

    static final String SECTION = "2. Escalation latency";
    static final String BARE_TIMER_KEY = "BenchBareTimer";
    /**
     * The time to create a measurement's hazards is planned as the last measured time per hazard times this. The
     * report notes a measurement whose first deadline passed before its hazards were all in place (seen with 1.2 and
     * a 3 s lead: the first measurement's hazards, planned from the hundred of the calibration, were late).
     */
    private static final double CREATION_MARGIN = 1.5;

    /** The Camunda job executor's defaults, for the untuned baseline. */
    static final Map<String, String> UNTUNED = Map.of(
            "camunda.bpm.job-execution.core-pool-size", "3",
            "camunda.bpm.job-execution.max-pool-size", "10",
            "camunda.bpm.job-execution.queue-capacity", "3",
            "camunda.bpm.job-execution.max-jobs-per-acquisition", "3",
            "camunda.bpm.job-execution.wait-time-in-millis", "5000",
            "camunda.bpm.job-execution.max-wait", "60000",
            "camunda.bpm.job-execution.lock-time-in-millis", "300000");

    /** One steady-rate or burst measurement. */
    record Lateness(String name, long open, int due, int received, int duplicates, int missing, double p50, double p99,
                    double max, double drainSeconds, double tookSeconds) {
    }

    private final BenchmarkEnvironment environment;
    private final BenchmarkSettings settings;
    private final BenchmarkResults results;
    private final String runId;
    private final List<Lateness> measured = new ArrayList<>();
    private long open;
    /** Wall time to open one measured hazard (full path), from the last measured batch: sets the lead of the next. */
    private double millisPerHazard = 5;
    private long backgroundCount;
    private double backgroundSeconds;
    private final CpuMeter cpu = new CpuMeter();
    /** Processor time of each burst, from its common deadline to its last event or firing, by measurement name. */
    private final Map<String, CpuMeter.Usage> burstCpu = new LinkedHashMap<>();

    EscalationBenchmark(BenchmarkEnvironment environment, BenchmarkSettings settings, BenchmarkResults results,
                        String runId) {
        this.environment = environment;
        this.settings = settings;
        this.results = results;
        this.runId = runId;
    }

    void run() throws Exception {
        deployBareTimer();
        calibrate();
        Map<Integer, Lateness> tuned = new LinkedHashMap<>();
        for (int size : settings.openDeadlines()) {
            tuned.put(size, steady("tuned", size));
        }
        Lateness burst = burst("tuned");
        double bare = bareBurst();

        // The untuned executor is the tuned one's baseline: what the tuning buys. Its own bare-timer baseline was
        // left out, as its drain time is mostly the untuned idle waits (5 s, backing off to 60 s), which swung it
        // between 28 and 222 timers/s from run to run.
        long restart = System.nanoTime();
        environment.startApplication(UNTUNED);
        results.fact("the application restarted with Camunda's default job executor in",
                Figure.format((System.nanoTime() - restart) / 1e9) + " s");
        // the fresh context opens hazards more slowly than the warm one did: time it again before planning the burst
        calibrate();
        Lateness untunedBurst = burst("Camunda default");

        int smallest = settings.openDeadlines().get(0);
        for (var entry : tuned.entrySet()) {
            Lateness l = entry.getValue();
            if (entry.getKey() >= 10_000 || settings.openDeadlines().size() == 1 || entry.getKey().equals(lastSize())) {
                results.add(Figure.atMost(SECTION, "p99 lateness, deadline → hazard.overdue at a Kafka consumer, "
                        + String.format("%,d", l.open()) + " open deadlines, " + settings.dueRate() + " due/s", l.p99(), "ms", 1000));
            }
        }
        Lateness small = tuned.get(smallest);
        Lateness large = tuned.get(lastSize());
        if (large != small) {
            results.add(Figure.ratioAtMost(SECTION, "p99 lateness at " + String.format("%,d", large.open())
                            + " open deadlines ÷ p99 at " + String.format("%,d", small.open()), large.p99(), "ms",
                    new Figure.Baseline("p99 at " + String.format("%,d", small.open()) + " open deadlines", small.p99(), "ms"), 1.5));
        }
        results.add(Figure.atLeast(SECTION, "burst of " + settings.burst() + " deadlines at one instant: escalations/s"
                + " (tuned job executor)", settings.burst() / burst.drainSeconds(), "escalations/s",
                new Figure.Baseline("bare Camunda timers, same burst, same engine", bare, "timers/s"), 0.8));
        results.add(Figure.against(SECTION, "the same burst with Camunda's default job executor: escalations/s",
                settings.burst() / untunedBurst.drainSeconds(), "escalations/s",
                new Figure.Baseline("tuned job executor", settings.burst() / burst.drainSeconds(), "escalations/s")));
        results.add(Figure.against(SECTION, "p99 lateness of the burst with Camunda's default job executor",
                untunedBurst.p99(), "ms", new Figure.Baseline("tuned job executor", burst.p99(), "ms")));

        List<List<String>> rows = new ArrayList<>();
        for (Lateness l : measured) {
            rows.add(List.of(l.name(), String.format("%,d", l.open()), String.valueOf(l.due()), String.valueOf(l.received()),
                    String.valueOf(l.duplicates()), String.valueOf(l.missing()), Figure.format(l.p50()),
                    Figure.format(l.p99()), Figure.format(l.max()), l.drainSeconds() > 0 ? Figure.format(l.drainSeconds()) : "",
                    Figure.format(l.tookSeconds())));
            results.bar("Escalation lateness p99 (ms)", l.name().startsWith("burst") ? "burst" : "steady rate",
                    l.name() + " @" + String.format("%,d", l.open()), l.p99());
        }
        results.table(SECTION, new BenchmarkResults.Table("Each measurement (lateness in ms: event at the consumer − deadline;"
                + " the burst's drain time is from the common deadline to the last event; took: the measurement's wall time,"
                + " opening its hazards included)", List.of("measurement", "open deadlines", "due", "received", "duplicates",
                "missing", "p50", "p99", "max", "drain s", "took s"), rows));
        if (!burstCpu.isEmpty()) {
            List<String> header = new ArrayList<>(List.of("where"));
            header.addAll(burstCpu.keySet());
            results.table(SECTION, new BenchmarkResults.Table("Processor time per escalation of each burst and per bare"
                    + " timer (ms; from the common deadline to the last event or firing; the JVM's threads by group, and"
                    + " PostgreSQL's processes)", header, CpuMeter.perOperationRows(List.copyOf(burstCpu.values()),
                    burstCpu.keySet().stream().map(name -> (long) settings.burst()).toList())));
        }
        boolean exactlyOnce = measured.stream().allMatch(l -> l.duplicates() == 0 && l.missing() == 0);
        results.fact("every hazard.overdue of a measured deadline received, exactly once by event id", exactlyOnce ? "yes"
                : "no: " + measured.stream().mapToInt(Lateness::missing).sum() + " missing, "
                + measured.stream().mapToInt(Lateness::duplicates).sum() + " duplicates");
    }

    private int lastSize() {
        return settings.openDeadlines().get(settings.openDeadlines().size() - 1);
    }

    /** Brings the open deadlines up to {@code size}, then a window of them falls due at the steady rate. */
    private Lateness steady(String executor, int size) throws Exception {
        int window = (int) Math.min(size, Math.round(settings.dueRate() * settings.escalationWindow().toMillis() / 1000.0));
        long background = Math.max(0, size - open - window);
        Instant now = Instant.now();
        List<Instant> far = new ArrayList<>();
        for (long i = 0; i < background; i++) {
            // 10 to 40 days ahead: neither the deadline nor its reminder falls due during the run
            far.add(now.plus(Duration.ofDays(10)).plusSeconds((i * 2_592_000L / Math.max(1, background))));
        }
        long started = System.nanoTime();
        open(far, true);
        analyzeEngineTables();
        backgroundCount += background;
        backgroundSeconds += (System.nanoTime() - started) / 1e9;
        results.fact("background open deadlines put in place (up to " + String.format("%,d", size) + ") / time taken",
                String.format("%,d", backgroundCount) + " / " + Figure.format(backgroundSeconds) + " s");
        return measure("steady, " + executor + " job executor", window, i -> Duration.ofMillis(Math.round(i * 1000.0 / settings.dueRate())));
    }

    /** {@code burst} deadlines at one instant. */
    private Lateness burst(String executor) throws Exception {
        return measure("burst, " + executor + " job executor", settings.burst(), i -> Duration.ZERO);
    }

    private interface Offset {
        Duration of(int i);
    }

    /**
     * Opens {@code count} hazards whose deadlines are {@code lead} from now plus their offset, and records when each
     * one's overdue event arrives.
     */
    private Lateness measure(String name, int count, Offset offset) throws Exception {
        long began = System.nanoTime();
        EventsProperties events = environment.bean(EventsProperties.class);
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(events.topics().escalations()));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);

            // Deadlines start after the hazards are in place: the time to create them, as last measured, with a
            // margin, so that lateness is the escalation path's and not the set-up's.
            Instant first = Instant.now().plus(settings.escalationLead())
                    .plusMillis(Math.round(count * millisPerHazard * CREATION_MARGIN));
            Map<String, Instant> deadlines = new HashMap<>();
            List<Instant> due = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                due.add(first.plus(offset.of(i)));
            }
            List<String> numbers = open(due, false);
            for (int i = 0; i < count; i++) {
                deadlines.put(numbers.get(i), due.get(i));
            }
            Instant last = due.stream().max(Instant::compareTo).orElse(first);
            if (Instant.now().isAfter(first)) {
                results.note(name + ": the hazards were still being created when the first deadline passed;"
                        + " raise bench.escalation-lead");
            }
            Map<String, Long> arrivals = new ConcurrentHashMap<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean burst = offsetIsZero(offset);
            CpuMeter.Snapshot atDeadline = burst ? snapshotAt(first) : null;
            int duplicates = 0;
            long deadline = System.nanoTime() + Duration.between(Instant.now(), last).toNanos()
                    + Duration.ofSeconds(90).toNanos();
            while (arrivals.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long at = System.currentTimeMillis();
                    String type = header(record, "ce_type");
                    String id = header(record, "ce_id");
                    if (!"hazard.overdue".equals(type) || id == null) {
                        continue;
                    }
                    String number = id.substring(0, id.indexOf('/'));
                    if (!deadlines.containsKey(number)) {
                        continue;
                    }
                    if (seen.merge(id, 1, Integer::sum) > 1) {
                        duplicates++;
                    } else {
                        arrivals.put(number, at);
                    }
                }
            }
            if (burst) {
                burstCpu.put(name, CpuMeter.between(atDeadline, cpu.take()));
            }
            // a short look for late duplicates
            long extra = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < extra) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    String id = header(record, "ce_id");
                    if ("hazard.overdue".equals(header(record, "ce_type")) && id != null && seen.containsKey(id)) {
                        duplicates++;
                    }
                }
            }
            Histogram lateness = new Histogram(3);
            long lastArrival = 0;
            for (var arrival : arrivals.entrySet()) {
                long late = arrival.getValue() - deadlines.get(arrival.getKey()).toEpochMilli();
                lateness.recordValue(Math.max(0, late));
                lastArrival = Math.max(lastArrival, arrival.getValue());
            }
            double drain = lastArrival == 0 ? Double.NaN : (lastArrival - first.toEpochMilli()) / 1000.0;
            Lateness result = new Lateness(name, open, count, arrivals.size(), duplicates, count - arrivals.size(),
                    percentile(lateness, 50), percentile(lateness, 99), lateness.getTotalCount() == 0 ? Double.NaN
                    : lateness.getMaxValue(), offsetIsZero(offset) ? drain : 0, (System.nanoTime() - began) / 1e9);
            measured.add(result);
            return result;
        }
    }

    /**
     * Waits for {@code instant} and reads the processor times then: a burst's processor time is counted from its
     * common deadline, so the wait before it and the set-up are left out.
     */
    private CpuMeter.Snapshot snapshotAt(Instant instant) throws InterruptedException {
        long wait = Duration.between(Instant.now(), instant).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        return cpu.take();
    }

    private static boolean offsetIsZero(Offset offset) {
        return offset.of(1).isZero() && offset.of(100).isZero();
    }

    private static double percentile(Histogram histogram, double p) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(p);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-escalations-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Fifty thousand open hazards take a deployment months to gather, and autovacuum analyses the engine's tables
     * many times on the way; here they arrive in minutes, before it gets round to them. Without statistics the
     * planner takes a million-row variable table for a small one and reads every variable of every process to load
     * one execution's (measured: over a second per timer at 50,000). The tables are vacuumed and analysed, as
     * autovacuum would have, before the deadlines fall due.
     */
    private void analyzeEngineTables() {
        environment.settle(List.of("act_ru_variable", "act_ru_execution", "act_ru_task", "act_ru_job",
                "act_ru_identitylink", "act_ru_authorization", "act_ru_meter_log", "hl_hazard", "hl_hazard_timeline"));
    }

    /** Opens a few hazards far ahead through the full path, to know how long opening one takes. */
    private void calibrate() throws Exception {
        List<Instant> far = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            far.add(Instant.now().plus(Duration.ofDays(10)).plusSeconds(i * 60L));
        }
        open(far, false);
    }

    /**
     * Puts hazards in rectification with these deadlines ({@link RectifyingHazards}): measured ones through the
     * application's full path, background ones as a template started through the engine and copies of its rows.
     * Returns their numbers.
     */
    private List<String> open(List<Instant> deadlines, boolean background) throws Exception {
        if (deadlines.isEmpty()) {
            return List.of();
        }
        long started = System.nanoTime();
        // the application's beans as they are now: the phase restarts it with the job executor's defaults
        RectifyingHazards hazards = new RectifyingHazards(environment.context(), runId + "-escalation-", results::note);
        List<String> numbers = background ? hazards.openBackground(deadlines) : hazards.open(deadlines);
        if (!background) {
            millisPerHazard = (System.nanoTime() - started) / 1e6 / numbers.size();
        }
        open += numbers.size();
        return numbers;
    }

    /** The bare timer process: a user task with a non-interrupting timer at {@code ${due}} whose path does nothing but note the time. */
    private void deployBareTimer() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(BARE_TIMER_KEY)
                .camundaHistoryTimeToLive(1825)
                .startEvent()
                .userTask("Task_Wait").camundaCandidateGroups("T01-FIRE")
                .boundaryEvent("Timer_Due").cancelActivity(false).timerWithDate("${due}")
                .serviceTask("Task_Fired").camundaClass(BareTimerFired.class.getName())
                .endEvent()
                .moveToActivity("Task_Wait")
                .endEvent()
                .done();
        environment.bean(RepositoryService.class).createDeployment().name("bench-bare-timer")
                .addModelInstance("bench-bare-timer.bpmn", model).deploy();
    }

    /**
     * {@code burst} bare timers at one instant, with the tuned job executor; returns timers fired per second from that
     * instant to the last.
     */
    private double bareBurst() throws Exception {
        String executor = "tuned";
        long began = System.nanoTime();
        int count = settings.burst();
        // A bare start is cheaper than a hazard's: a hundred of them, due weeks ahead, time it. The small sample gets
        // half again as margin.
        double millisPerStart = startBare(runId + "-bare-calibration-", 100, Instant.now().plus(Duration.ofDays(10)));
        Instant due = Instant.now().plus(settings.escalationLead()).plusMillis(Math.round(count * millisPerStart * 1.5));
        String prefix = runId + "-bare-timer-" + executor.replace(' ', '-') + "-";
        startBare(prefix, count, due);
        if (Instant.now().isAfter(due)) {
            results.note("bare timers burst, " + executor + ": the processes were still being started when their"
                    + " deadline passed; raise bench.escalation-lead");
        }
        long until = System.currentTimeMillis() + Duration.between(Instant.now(), due).toMillis() + 120_000;
        CpuMeter.Snapshot atDue = snapshotAt(due);
        while (System.currentTimeMillis() < until && fired(prefix) < count) {
            Thread.sleep(20);
        }
        burstCpu.put("bare timers burst, " + executor + " job executor", CpuMeter.between(atDue, cpu.take()));
        long last = BareTimerFired.FIRED.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(Map.Entry::getValue).max().orElse(due.toEpochMilli());
        Histogram lateness = new Histogram(3);
        BareTimerFired.FIRED.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .forEach(e -> lateness.recordValue(Math.max(0, e.getValue() - due.toEpochMilli())));
        double drain = (last - due.toEpochMilli()) / 1000.0;
        measured.add(new Lateness("bare timers burst, " + executor + " job executor", open, count, fired(prefix), 0,
                count - fired(prefix), percentile(lateness, 50), percentile(lateness, 99),
                lateness.getTotalCount() == 0 ? Double.NaN : lateness.getMaxValue(), drain, (System.nanoTime() - began) / 1e9));
        return fired(prefix) / Math.max(drain, 1e-3);
    }

    /** Starts {@code count} bare timer processes due at {@code due}, from four threads; returns the wall time per start. */
    private double startBare(String prefix, int count, Instant due) throws Exception {
        RuntimeService runtime = environment.bean(RuntimeService.class);
        long started = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = prefix + i;
                work.add(threads.submit(() -> runtime.startProcessInstanceByKey(BARE_TIMER_KEY, key,
                        Map.of("due", Date.from(due)))));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        return (System.nanoTime() - started) / 1e6 / count;
    }

    private static int fired(String prefix) {
        return (int) BareTimerFired.FIRED.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }
}
