package org.hazardloop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.hazardloop.hazard.HazardReporting;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measurement 1: closed loops per second through the application's services, against the bare Camunda process
 * and the raw commit rate of the same pool; then the same loop through the REST API.
 */
final class ThroughputBenchmark {

    static final String SECTION = "1. Closed-loop throughput";

    private final BenchmarkEnvironment environment;
    private final BenchmarkSettings settings;
    private final BenchmarkResults results;
    private final String runId;
    private final CpuMeter cpu = new CpuMeter();

    ThroughputBenchmark(BenchmarkEnvironment environment, BenchmarkSettings settings, BenchmarkResults results,
                        String runId) {
        this.environment = environment;
        this.settings = settings;
        this.results = results;
        this.runId = runId;
    }

    /** The report-id prefix of the hazards the application loop closed (storage is measured on them). */
    String appPrefix() {
        return runId + "-app";
    }

    void run() throws SQLException {
        HazardReporting reporting = environment.bean(HazardReporting.class);
        TaskService tasks = environment.bean(TaskService.class);
        IdentityService identity = environment.bean(IdentityService.class);
        RuntimeService runtime = environment.bean(RuntimeService.class);
        DataSource dataSource = environment.bean(DataSource.class);

        RawCommits.createTable(dataSource);
        JdbcClient jdbc = environment.bean(JdbcClient.class);
        List<LoadRun.Outcome> app = new ArrayList<>();
        List<LoadRun.Outcome> bare = new ArrayList<>();
        List<LoadRun.Outcome> raw = new ArrayList<>();
        warmUp(reporting, tasks, identity, runtime);
        for (int round = 0; round < settings.rounds(); round++) {
            String suffix = "-r" + round;
            boolean first = round == 0;
            Runnable appPhase = () -> {
                var before = first ? DatabaseWork.snapshot(jdbc) : null;
                app.add(LoadRun.run("app", settings.clients(), settings.warmup(), settings.loopDuration(), cpu,
                        client -> ClosedLoops.app(reporting, tasks, identity, appPrefix() + suffix + "-c" + client)));
                if (first) {
                    appWork = DatabaseWork.difference(DatabaseWork.snapshot(jdbc), before);
                    appLoops = countLoops(jdbc, appPrefix() + suffix);
                }
            };
            Runnable barePhase = () -> {
                var before = first ? DatabaseWork.snapshot(jdbc) : null;
                bare.add(LoadRun.run("bare", settings.clients(), settings.warmup(), settings.loopDuration(), cpu,
                        client -> ClosedLoops.bare(runtime, tasks, identity, runId + "-bare" + suffix + "-c" + client)));
                if (first) {
                    bareWork = DatabaseWork.difference(DatabaseWork.snapshot(jdbc), before);
                    bareLoops = jdbc.sql("SELECT COUNT(*) FROM act_hi_procinst WHERE business_key_ LIKE :p AND end_time_ IS NOT NULL")
                            .param("p", runId + "-bare" + suffix + "-%").query(Long.class).single();
                }
            };
            // Which loop goes first alternates round by round (app, bare; bare, app; ...): whatever the machine or
            // the JIT compiler does over the phase falls on both loops alike instead of always on the same one.
            if (round % 2 == 0) {
                appPhase.run();
                barePhase.run();
            } else {
                barePhase.run();
                appPhase.run();
            }
            raw.add(LoadRun.run("raw", settings.clients(), settings.warmup(), settings.rawDuration(), cpu,
                    client -> RawCommits.operation(dataSource, client)));
        }
        RawCommits.dropTable(dataSource);
        LoadRun.Outcome appTotal = LoadRun.merge(app);
        LoadRun.Outcome bareTotal = LoadRun.merge(bare);
        LoadRun.Outcome rawTotal = LoadRun.merge(raw);

        Figure.Baseline bareBaseline = new Figure.Baseline("bare Camunda, same BPMN, no-op listeners", bareTotal.perSecond(), "loops/s");
        Figure.Baseline rawCommits = new Figure.Baseline("raw JDBC insert+update commits, same pool", rawTotal.perSecond(), "commits/s");
        results.add(Figure.atLeast(SECTION, "closed loops/s through the application's services", appTotal.perSecond(),
                "loops/s", bareBaseline, 0.8));
        results.add(Figure.against(SECTION, "application: loops/s × " + ClosedLoops.COMMITS_PER_LOOP
                + " commits per loop (share of the raw commit rate)", appTotal.perSecond() * ClosedLoops.COMMITS_PER_LOOP,
                "commits/s", rawCommits));
        results.add(Figure.against(SECTION, "bare Camunda: loops/s × " + ClosedLoops.COMMITS_PER_LOOP
                + " commits per loop (share of the raw commit rate)", bareTotal.perSecond() * ClosedLoops.COMMITS_PER_LOOP,
                "commits/s", rawCommits));

        workTable(appWork, appLoops, bareWork, bareLoops);
        long closed = jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE report_id LIKE :prefix AND status = 'CLOSED'")
                .param("prefix", appPrefix() + "-%").query(Long.class).single();
        long open = jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE report_id LIKE :prefix AND status <> 'CLOSED'")
                .param("prefix", appPrefix() + "-%").query(Long.class).single();
        results.fact("application loop: hazards closed in the ledger (warm-up included) / left open by a failed loop",
                closed + " / " + open);

        LoadRun.Outcome rest = restLoop();
        results.add(Figure.against(SECTION, "closed loops/s through the REST API (/api + /engine-rest, claim and complete)",
                rest.perSecond(), "loops/s", new Figure.Baseline("the application's services, same run",
                        appTotal.perSecond(), "loops/s")));
        results.add(Figure.against(SECTION, "REST API: loops/s × " + RestLoop.COMMITS_PER_LOOP
                + " commits per loop (share of the raw commit rate)", rest.perSecond() * RestLoop.COMMITS_PER_LOOP,
                "commits/s", rawCommits));

        List<List<String>> rows = new ArrayList<>();
        for (LoadRun.Outcome outcome : List.of(appTotal, bareTotal, rawTotal, rest)) {
            rows.add(List.of(outcome.name(), String.valueOf(outcome.clients()), String.valueOf(outcome.completed()),
                    String.valueOf(outcome.errors()), Figure.format(outcome.window().toMillis() / 1000.0),
                    Figure.format(outcome.perSecond()), Figure.format(outcome.millisAt(50)),
                    Figure.format(outcome.millisAt(99)),
                    outcome.firstError() == null ? "" : abbreviate(outcome.firstError())));
        }
        results.table(SECTION, new BenchmarkResults.Table("Phases (app and bare: one closed loop per operation; raw: one commit)",
                List.of("phase", "clients", "operations", "errors", "measured s", "per second", "p50 ms", "p99 ms",
                        "first error"), rows));
        results.fact("processor time per closed loop in the measured windows: application's services / bare Camunda"
                        + " / REST API", appTotal.cpu().per(appTotal.completed(), "loop") + " / "
                        + bareTotal.cpu().per(bareTotal.completed(), "loop") + " / " + rest.cpu().per(rest.completed(), "loop"));
        results.table(SECTION, new BenchmarkResults.Table("Processor time per closed loop in the measured windows (ms;"
                + " the JVM's threads by group, and PostgreSQL's processes; the JIT compiler and the broker serve both"
                + " phases as they run)", List.of("where", "application's services", "bare Camunda", "REST API"),
                CpuMeter.perOperationRows(List.of(appTotal.cpu(), bareTotal.cpu(), rest.cpu()),
                        List.of(appTotal.completed(), bareTotal.completed(), rest.completed()))));
        results.fact("closed loops/s by round, application ÷ bare Camunda", byRound(app, bare));
        results.fact("errors in the closed-loop phases (app / bare / raw / REST)",
                appTotal.errors() + " / " + bareTotal.errors() + " / " + rawTotal.errors() + " / " + rest.errors());
    }

    private java.util.Map<String, DatabaseWork.Counters> appWork = java.util.Map.of();
    private java.util.Map<String, DatabaseWork.Counters> bareWork = java.util.Map.of();
    private long appLoops;
    private long bareLoops;

    /**
     * Both loops, unmeasured, before the first round. The engine's code runs in both, and the JIT compiler compiles
     * it while whichever runs first is measured: without this the first round's application loop carried that work
     * (round by round, one run: 0.46, 0.69, 0.69, 0.79 of the bare loop).
     */
    private void warmUp(HazardReporting reporting, TaskService tasks, IdentityService identity, RuntimeService runtime) {
        if (settings.loopWarmup().isZero()) {
            return;
        }
        LoadRun.Outcome app = LoadRun.run("app-warm-up", settings.clients(), settings.loopWarmup(), Duration.ZERO, cpu,
                client -> ClosedLoops.app(reporting, tasks, identity, runId + "-warm-app-c" + client));
        LoadRun.Outcome bare = LoadRun.run("bare-warm-up", settings.clients(), settings.loopWarmup(), Duration.ZERO, cpu,
                client -> ClosedLoops.bare(runtime, tasks, identity, runId + "-warm-bare-c" + client));
        results.fact("errors in the closed-loop warm-up (app / bare)", app.errors() + " / " + bare.errors()
                + (app.firstError() == null ? "" : "; first: " + abbreviate(app.firstError()))
                + (bare.firstError() == null ? "" : "; first: " + abbreviate(bare.firstError())));
    }

    /** Each round's rates side by side: a ratio that climbs round by round says the first rounds ran on cold code. */
    private static String byRound(List<LoadRun.Outcome> app, List<LoadRun.Outcome> bare) {
        List<String> rounds = new ArrayList<>();
        for (int round = 0; round < app.size(); round++) {
            double appRate = app.get(round).perSecond();
            double bareRate = bare.get(round).perSecond();
            rounds.add("round " + (round + 1) + ": " + Figure.format(appRate) + " ÷ " + Figure.format(bareRate) + " = "
                    + Figure.format(appRate / bareRate));
        }
        return String.join("; ", rounds);
    }

    private long countLoops(JdbcClient jdbc, String prefix) {
        return jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE report_id LIKE :p AND status = 'CLOSED'")
                .param("p", prefix + "-%").query(Long.class).single();
    }

    /** Rows written and scans per closed loop, per table, application beside bare Camunda (first round). */
    private void workTable(java.util.Map<String, DatabaseWork.Counters> app, long appCount,
                           java.util.Map<String, DatabaseWork.Counters> bare, long bareCount) {
        if (appCount == 0 || bareCount == 0) {
            return;
        }
        java.util.Set<String> tables = new java.util.TreeSet<>(app.keySet());
        tables.addAll(bare.keySet());
        List<List<String>> rows = new ArrayList<>();
        DatabaseWork.Counters zero = new DatabaseWork.Counters(0, 0, 0, 0, 0);
        double[] totals = new double[4];
        for (String table : tables) {
            DatabaseWork.Counters a = app.getOrDefault(table, zero);
            DatabaseWork.Counters b = bare.getOrDefault(table, zero);
            totals[0] += a.writes() / (double) appCount;
            totals[1] += b.writes() / (double) bareCount;
            totals[2] += (a.indexScans() + a.seqScans()) / (double) appCount;
            totals[3] += (b.indexScans() + b.seqScans()) / (double) bareCount;
            rows.add(List.of(table, Figure.format(a.writes() / (double) appCount), Figure.format(b.writes() / (double) bareCount),
                    Figure.format((a.indexScans() + a.seqScans()) / (double) appCount),
                    Figure.format((b.indexScans() + b.seqScans()) / (double) bareCount)));
        }
        rows.add(List.of("**all tables**", Figure.format(totals[0]), Figure.format(totals[1]), Figure.format(totals[2]),
                Figure.format(totals[3])));
        results.table(SECTION, new BenchmarkResults.Table("Database work per closed loop, first round (pg_stat_user_tables;"
                + " rows inserted + updated + deleted, and index + sequential scans; warm-up included, divided by the"
                + " loops that closed)", List.of("table", "app rows written", "bare rows written", "app scans",
                "bare scans"), rows));
    }

    private LoadRun.Outcome restLoop() {
        RestLoop loop = new RestLoop(environment.bean(ObjectMapper.class), environment.baseUrl());
        return LoadRun.run("rest", settings.clients(), settings.warmup(), settings.restDuration(), cpu,
                client -> loop.operation(runId + "-rest-c" + client));
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ').replace('|', '/');
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }
}
