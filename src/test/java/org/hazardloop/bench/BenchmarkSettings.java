package org.hazardloop.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The sizes and durations of one benchmark run. Every value is a {@code -Dbench.*} system property
 * (docs/performance.md lists them); {@link #smoke()} is the seconds-long run of the test suite.
 *
 * @param database          PostgreSQL database name; null keeps the test profile's {@code TEST_DB_NAME}
 * @param clients           concurrent clients of the closed-loop and REST loops and of the raw JDBC loop
 * @param poolSize          the application's JDBC pool (engine and application share it)
 * @param warmup            per measured phase, run but not counted
 * @param loopWarmup        before the first round, the application's loop and the bare loop each run this long,
 *                          unmeasured: the JIT compiler's work on the engine code both share falls there, not on
 *                          whichever loop is measured first
 * @param loopDuration      measured time of each closed-loop phase (app, bare Camunda) per round
 * @param rawDuration       measured time of the raw JDBC commit loop per round
 * @param rounds            the closed-loop phases alternate this many times, so a burst of load from other
 *                          builds on the machine hits app and baseline alike; the bare loop goes first in every
 *                          second round
 * @param restDuration      measured time of the REST API loop
 * @param ledgerSizes       ledger sizes (rows in hl_hazard) at which the queries are replayed, ascending
 * @param ledgerMinLoad     rows loaded at each size even when the ledger already holds that many (smoke run)
 * @param queryRepeats      timed executions of each list and statistics query per ledger size
 * @param reports           the burst of reports put on {@code hazard.reports}
 * @param reportWarmup      reports put on {@code hazard.reports} and stored, unmeasured, before the burst: the JIT
 *                          compiler's work on the consumer's path, which no phase before it runs, falls there and
 *                          not on the burst, as the closed loop's warm-up does for the engine's code
 * @param bareStarts        bare Camunda process starts timed for the ingestion baseline
 * @param openDeadlines     open deadlines (hazards in rectification with their timers) at which escalation lateness
 *                          is measured, ascending
 * @param dueRate           deadlines falling due per second during a measurement
 * @param escalationWindow  how long deadlines fall due at that rate per measurement
 * @param burst             deadlines falling due at one instant in the burst
 * @param escalationLead    time between putting the measured hazards in place and their first deadline
 * @param analyseEvery      how often the autovacuum stand-in looks for tables to analyse during a measurement, where
 *                          the server's autovacuum is off ({@link AutovacuumStandIn}); autovacuum_naptime's default
 * @param explain           whether to write EXPLAIN (ANALYZE) plans of every query at the largest size
 * @param removeBaseline    whether to delete the bare baseline's deployment and instances at the end (the smoke
 *                          run, on a shared database); a full run leaves them, its database is made afresh
 * @param phases            the measurements to run, by name: ledger, throughput, ingestion, storage, escalation (all by default)
 * @param output            where the report goes
 * @param appProperties     extra application settings, from {@code -Dbench.app.<setting>=<value>}
 */
public record BenchmarkSettings(
        String database,
        int clients,
        int poolSize,
        Duration warmup,
        Duration loopWarmup,
        Duration loopDuration,
        Duration rawDuration,
        int rounds,
        Duration restDuration,
        List<Integer> ledgerSizes,
        int ledgerMinLoad,
        int queryRepeats,
        int reports,
        int reportWarmup,
        int bareStarts,
        List<Integer> openDeadlines,
        int dueRate,
        Duration escalationWindow,
        int burst,
        Duration escalationLead,
        Duration analyseEvery,
        boolean explain,
        boolean removeBaseline,
        java.util.Set<String> phases,
        Path output,
        Map<String, String> appProperties) {

    static final String PREFIX = "bench.";
    static final String APP_PREFIX = "bench.app.";
    static final String ALL_PHASES = "throughput,ingestion,storage,ledger,escalation";

    /** The default run (10 to 20 minutes on two cores, docs/performance.md); each value a system property can change. */
    public static BenchmarkSettings fromSystemProperties() {
        Properties p = System.getProperties();
        return new BenchmarkSettings(
                p.getProperty("bench.db", System.getenv("BENCH_DB_NAME")),
                integer(p, "clients", 8),
                integer(p, "pool-size", 10),
                seconds(p, "warmup", 3),
                seconds(p, "loop-warmup", 60),
                seconds(p, "loop-seconds", 20),
                seconds(p, "raw-seconds", 6),
                integer(p, "rounds", 2),
                seconds(p, "rest-seconds", 15),
                integers(p, "ledger-sizes", "10000,1000000"),
                integer(p, "ledger-min-load", 0),
                integer(p, "query-repeats", 40),
                integer(p, "reports", 20_000),
                integer(p, "report-warmup", 2_000),
                integer(p, "bare-starts", 3_000),
                integers(p, "open-deadlines", "1000,10000,50000"),
                integer(p, "due-rate", 100),
                seconds(p, "escalation-window", 15),
                integer(p, "burst", 2_000),
                seconds(p, "escalation-lead", 5),
                seconds(p, "analyse-every", 60),
                Boolean.parseBoolean(p.getProperty("bench.explain", "true")),
                Boolean.parseBoolean(p.getProperty("bench.remove-baseline", "false")),
                java.util.Set.copyOf(Arrays.asList(p.getProperty("bench.phases", ALL_PHASES).split("\\s*,\\s*"))),
                Path.of(p.getProperty("bench.output", "target/bench")),
                appProperties(p));
    }

    /**
     * Seconds, tiny sizes: keeps the benchmark code working in the test suite; its figures mean nothing. The larger
     * of the open deadlines lies above what calibration and the first measurement open (110), so that background
     * hazards are copied too ({@link RectifyingHazards#openBackground}).
     */
    public static BenchmarkSettings smoke(Path output) {
        return new BenchmarkSettings(null, 2, 10, Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(1),
                Duration.ofMillis(500),
                1, Duration.ofSeconds(1), List.of(40, 80), 20, 2, 12, 4, 6, List.of(10, 200), 20, Duration.ofMillis(500), 10,
                Duration.ofSeconds(3), Duration.ofSeconds(10), true, true,
                java.util.Set.of(ALL_PHASES.split(",")), output, Map.of());
    }

    private static int integer(Properties p, String name, int fallback) {
        return Integer.parseInt(p.getProperty(PREFIX + name, String.valueOf(fallback)).strip().replace("_", ""));
    }

    private static Duration seconds(Properties p, String name, double fallback) {
        double value = Double.parseDouble(p.getProperty(PREFIX + name, String.valueOf(fallback)).strip());
        return Duration.ofMillis(Math.round(value * 1000));
    }

    private static List<Integer> integers(Properties p, String name, String fallback) {
        return Arrays.stream(p.getProperty(PREFIX + name, fallback).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(s -> Integer.parseInt(s.replace("_", "")))
                .sorted().toList();
    }

    private static Map<String, String> appProperties(Properties p) {
        Map<String, String> app = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(n -> n.startsWith(APP_PREFIX)).sorted()
                .forEach(n -> app.put(n.substring(APP_PREFIX.length()), p.getProperty(n)));
        return app;
    }

    /** The settings as the report prints them. */
    Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("clients", String.valueOf(clients));
        d.put("JDBC pool (engine + application)", String.valueOf(poolSize));
        d.put("warm-up per phase", warmup.toMillis() + " ms");
        d.put("closed-loop warm-up before the first round", loopWarmup.toMillis() + " ms each (app, bare)");
        d.put("closed-loop phase", loopDuration.toMillis() + " ms × " + rounds + " rounds (app, bare, raw; then bare, app, raw; alternating)");
        d.put("raw JDBC phase", rawDuration.toMillis() + " ms × " + rounds);
        d.put("REST API loop", restDuration.toMillis() + " ms");
        d.put("ledger sizes", ledgerSizes.toString());
        d.put("query repeats", String.valueOf(queryRepeats));
        d.put("report burst", String.valueOf(reports));
        d.put("reports stored before the burst, unmeasured", String.valueOf(reportWarmup));
        d.put("bare process starts", String.valueOf(bareStarts));
        d.put("open deadlines", openDeadlines.toString());
        d.put("deadlines due per second / window", dueRate + " / " + escalationWindow.toMillis() + " ms");
        d.put("burst of deadlines at one instant", String.valueOf(burst));
        d.put("autovacuum stand-in looks for tables to analyse every", analyseEvery.toMillis() + " ms");
        d.put("phases", String.join(", ", new java.util.TreeSet<>(phases)));
        appProperties.forEach((k, v) -> d.put(k, v));
        return d;
    }
}
