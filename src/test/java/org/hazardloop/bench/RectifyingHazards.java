package org.hazardloop.bench;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.camunda.bpm.engine.RuntimeService;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.LedgerTallyInsertsAtCommitMigration;
import org.hazardloop.process.HazardContext;
import org.hazardloop.process.ProcessVariables;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hazards in rectification with their deadline timers, put in place the way a data migration would: ledger rows
 * written in batches (status RECTIFYING, assigned to T01-FIRE, the deadline in force), and each hazard's process
 * started at {@code Task_RectifyHazard} with the context projected from its ledger row, in the transaction that
 * links it — the engine then creates the task and its timers exactly as after an assignment. Reporting and assigning
 * 50,000 hazards through the loop would take most of a benchmark run; what fires is the application's own timer path.
 *
 * <p>Measured hazards ({@link #open}) take the application's full path: its task listeners name the task and write
 * the read grants, as after an assignment. Background hazards ({@link #openBackground}), whose deadlines lie weeks
 * ahead and only fill the engine's job and runtime tables, are one template started through the engine without the
 * application's listeners and copies of its rows ({@link EngineRowCopy}).
 */
final class RectifyingHazards {

    /** Measured hazards started per transaction. */
    private static final int BATCH = 20;
    /** Ledger rows written per statement. */
    private static final int LEDGER_ROWS_PER_STATEMENT = 5_000;
    /** Background copies made per statement (and transaction), unless told otherwise. */
    private static final int COPIES_PER_BATCH = 5_000;
    /** Batches of copies made at the same time, each in a transaction of its own. */
    private static final int COPY_THREADS = 2;

    private final JdbcClient jdbc;
    private final HazardLedger ledger;
    private final RuntimeService runtime;
    private final TransactionTemplate transaction;
    private final String reportIdPrefix;
    private final Consumer<String> problems;
    private int copiesPerBatch = COPIES_PER_BATCH;

    /** {@code problems} hears of a batch that could not be opened; the others go on. */
    RectifyingHazards(ApplicationContext context, String reportIdPrefix, Consumer<String> problems) {
        this.jdbc = context.getBean(JdbcClient.class);
        this.ledger = context.getBean(HazardLedger.class);
        this.runtime = context.getBean(RuntimeService.class);
        this.transaction = context.getBean(TransactionTemplate.class);
        this.reportIdPrefix = reportIdPrefix;
        this.problems = problems;
    }

    /** Background copies made per statement and transaction (a test's few copies in more than one batch). */
    RectifyingHazards copiesPerBatch(int copies) {
        this.copiesPerBatch = copies;
        return this;
    }

    /**
     * Hazards with these deadlines through the application's full path, {@value #BATCH} to a transaction from four
     * threads. Returns their numbers.
     */
    List<String> open(List<Instant> deadlines) throws InterruptedException {
        List<String> numbers = numbers(deadlines.size());
        insertLedgerRows(numbers, deadlines);
        List<Runnable> work = new ArrayList<>();
        for (int from = 0; from < numbers.size(); from += BATCH) {
            List<String> batch = numbers.subList(from, Math.min(from + BATCH, numbers.size()));
            work.add(() -> transaction.executeWithoutResult(status -> batch.forEach(n -> start(n, true))));
        }
        Exception failure = inParallel(4, work);
        if (failure != null) {
            problems.accept("Escalation: opening a hazard failed: " + failure.getMessage());
        }
        return numbers;
    }

    /**
     * Background hazards with these deadlines (to the millisecond, the engine's precision, so that a copy's dates
     * are exactly those the engine would have given it). The first is the template: its process started at
     * {@code Task_RectifyHazard} without the application's task listeners — the same timer jobs, task, candidate
     * group and grant; not the task name and read grants, rows reached by unique index only — and linked. Every
     * other is a copy of the template's engine rows ({@link EngineRowCopy}), {@value #COPIES_PER_BATCH} to a
     * statement and transaction ({@value #COPY_THREADS} at a time), linked from its ledger row in the same transaction.
     * Returns their numbers, the template's first.
     */
    List<String> openBackground(List<Instant> deadlines) throws InterruptedException {
        if (deadlines.isEmpty()) {
            return List.of();
        }
        List<Instant> exact = deadlines.stream().map(d -> d.truncatedTo(ChronoUnit.MILLIS)).toList();
        List<String> numbers = numbers(exact.size());
        insertLedgerRows(numbers, exact);
        String template = transaction.execute(status -> start(numbers.get(0), false));
        EngineRowCopy copy = EngineRowCopy.of(jdbc, template, numbers.get(0), exact.get(0));
        List<Runnable> batches = new ArrayList<>();
        for (int from = 1; from < numbers.size(); from += copiesPerBatch) {
            int first = from;
            int to = Math.min(from + copiesPerBatch, numbers.size());
            List<String> batch = numbers.subList(from, to);
            batches.add(() -> transaction.executeWithoutResult(status -> {
                copy.copy(first, batch, exact.subList(first, to));
                link(template, first, batch);
            }));
        }
        // PostgreSQL runs a statement on one core; two batches at a time use both of the machine's cores
        Exception failure = inParallel(COPY_THREADS, batches);
        if (failure != null) {
            throw new IllegalStateException("background hazards not copied", failure);
        }
        return numbers;
    }

    /** Runs the work on {@code threads} threads; returns the first failure, or null. */
    private static Exception inParallel(int threads, List<Runnable> work) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Exception failure = null;
        try {
            List<Future<?>> running = work.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failure = failure == null ? e : failure;
                }
            }
        } finally {
            pool.shutdown();
        }
        return failure;
    }

    /** Starts the hazard's process at {@code Task_RectifyHazard} and links it, in the caller's transaction. */
    private String start(String number, boolean withListeners) {
        Hazard hazard = ledger.find(number).orElseThrow();
        var start = runtime.createProcessInstanceByKey(ProcessVariables.PROCESS_KEY)
                .businessKey(number)
                .setVariables(HazardContext.of(hazard).variables())
                .startBeforeActivity("Task_RectifyHazard");
        String instance = (withListeners ? start.execute() : start.execute(true, false)).getId();
        ledger.linkProcessInstance(number, instance);
        return instance;
    }

    /** Links each copy's ledger row to its process instance, the copy of the template's. */
    private void link(String template, int first, List<String> numbers) {
        int[] n = new int[numbers.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = first + i;
        }
        jdbc.sql("UPDATE hl_hazard h SET process_instance_id = " + EngineRowCopy.copiedId("?", "copy.n")
                        + " FROM unnest(?::int[], ?::text[]) AS copy(n, number) WHERE h.number = copy.number")
                .params(template, n, numbers.toArray(String[]::new)).update();
    }

    /** Numbers from the application's own sequence, as reporting would give them. */
    private List<String> numbers(int count) {
        int year = OffsetDateTime.now(ClosedLoops.BEIJING).getYear();
        return jdbc.sql("SELECT nextval('hl_hazard_number_seq') FROM generate_series(1, :n)")
                .param("n", count).query(Long.class).list().stream()
                .map(n -> "YH-%d-%06d".formatted(year, n)).toList();
    }

    /**
     * The hazards' ledger rows, {@value #LEDGER_ROWS_PER_STATEMENT} to a statement: one {@code INSERT … SELECT} over
     * arrays of numbers and deadlines, counted by the tally's statement trigger once per batch rather than once per
     * row at commit (the measured hazards' few hundred rows and the background's tens of thousands alike).
     */
    private void insertLedgerRows(List<String> numbers, List<Instant> deadlines) {
        String path = jdbc.sql("SELECT path FROM hl_org_unit WHERE code = :code").param("code", ClosedLoops.GRID_UNIT)
                .query(String.class).single();
        Timestamp reported = Timestamp.from(Instant.now().minus(Duration.ofDays(1)));
        transaction.executeWithoutResult(status -> {
            jdbc.sql(LedgerTallyInsertsAtCommitMigration.BULK_INSERT).query(String.class).single();
            for (int from = 0; from < numbers.size(); from += LEDGER_ROWS_PER_STATEMENT) {
                int to = Math.min(from + LEDGER_ROWS_PER_STATEMENT, numbers.size());
                String[] batch = numbers.subList(from, to).toArray(String[]::new);
                long[] due = deadlines.subList(from, to).stream().mapToLong(Instant::toEpochMilli).toArray();
                // positional: a named parameter holding an array would be expanded into a list of values
                jdbc.sql("""
                        INSERT INTO hl_hazard (number, report_id, title, description, sector, location, grid_unit,
                            grid_path, safety_office, supervising_office, reporter, discovered_at, reported_at, status,
                            grade, risk_level, measures, responsible_department, responsible_person, funds, deadline,
                            contingency_plan, assigned_by, deadline_version)
                        SELECT h.number, ? || h.number, '消防通道堆放杂物', '3 号仓库东侧消防通道被纸箱堵塞', 'FIRE',
                            '长安镇新华社区工业路 18 号', ?, ?, ?, ?, 'inspector', ?, ?, 'RECTIFYING', 'GENERAL', 'YELLOW',
                            '清理堆放物，设置警示标识', ?, ?, 1000.00, TIMESTAMPTZ 'epoch' + h.deadline_ms * INTERVAL '1 millisecond',
                            '专人值守，配备灭火器', 'supervisor', 1
                          FROM unnest(?::text[], ?::bigint[]) AS h(number, deadline_ms)""")
                        .params(reportIdPrefix, ClosedLoops.GRID_UNIT, path, ClosedLoops.SAFETY_OFFICE,
                                ClosedLoops.SUPERVISING_OFFICE, reported, reported, ClosedLoops.FIRE_DEPARTMENT,
                                ClosedLoops.FIRE_OFFICER, batch, due)
                        .update();
            }
        });
    }
}
