package org.hazardloop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.TimelineAction;
import org.hazardloop.hazard.TimelineEntry;
import org.hazardloop.hazard.escalation.DeadlineEscalation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The escalation benchmark's background hazards ({@link RectifyingHazards#openBackground}): one template started
 * through the engine, the others copies of its rows made in SQL ({@link EngineRowCopy}). Each copy must be an
 * instance of its own that the engine and the application treat as one they made themselves: checked through the
 * engine's public API and the ledger, down to a copy's deadline timer firing the application's overdue notice and a
 * copy's task being completed by the responsible department.
 */
@SpringBootTest
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineRowCopyTest {

    private static final String RECTIFY = "Task_RectifyHazard";
    private static final String REMINDER = "BoundaryEvent_RectifyDeadlineApproaching";
    private static final String DEADLINE = "BoundaryEvent_RectifyDeadlineMissed";
    private static final String CYCLE = "BoundaryEvent_RectifyStillOverdue";
    private static final List<String> TIMERS = List.of(REMINDER, DEADLINE, CYCLE);

    @Autowired
    ApplicationContext context;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identity;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    HazardLedger ledger;
    @Autowired
    DeadlineEscalation escalation;
    @Autowired
    JdbcClient jdbc;

    /** The template and six copies, due 10 to 40 days ahead, copied three to a batch. */
    private Background far;
    /** A template and two copies: the first due seconds from now, the second weeks ahead. */
    private Background live;

    /** Background hazards as the benchmark opens them: numbers (the template's first), deadlines, instances. */
    private record Background(List<String> numbers, List<Instant> deadlines, List<String> instances) {

        String template() {
            return instances.get(0);
        }

        /** Milliseconds from the template's deadline to copy {@code i}'s. */
        long shift(int i) {
            return deadlines.get(i).toEpochMilli() - deadlines.get(0).toEpochMilli();
        }
    }

    @BeforeAll
    void openBackgroundHazards() throws InterruptedException {
        Instant now = Instant.now();
        List<Instant> farDeadlines = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // irregular steps, milliseconds included, as the benchmark's spread gives them
            farDeadlines.add(now.plus(Duration.ofDays(10)).plusSeconds(i * 370_001L).plusNanos(i * 1_234_567L));
        }
        far = open(farDeadlines, 3);
        live = open(List.of(now.plus(Duration.ofDays(12)), now.plusSeconds(4), now.plus(Duration.ofDays(20))), 5_000);
    }

    private Background open(List<Instant> deadlines, int copiesPerBatch) throws InterruptedException {
        List<String> numbers = new RectifyingHazards(context, "row-copy-test-" + UUID.randomUUID() + "-", problem -> {
            throw new AssertionError(problem);
        }).copiesPerBatch(copiesPerBatch).openBackground(deadlines);
        List<Instant> exact = deadlines.stream().map(d -> d.truncatedTo(ChronoUnit.MILLIS)).toList();
        List<String> instances = numbers.stream().map(n -> ledger.find(n).orElseThrow().processInstanceId()).toList();
        return new Background(numbers, exact, instances);
    }

    @Test
    void eachCopyIsAHazardOfItsOwnWaitingAtRectificationForTheFireDepartment() {
        ProcessInstance template = runtime.createProcessInstanceQuery().processInstanceId(far.template()).singleResult();
        assertThat(template.getBusinessKey()).isEqualTo(far.numbers().get(0));
        Task templateTask = task(far.template());
        for (int i = 1; i < far.numbers().size(); i++) {
            String number = far.numbers().get(i);
            String instance = far.instances().get(i);
            Date deadline = Date.from(far.deadlines().get(i));
            assertThat(instance).as("copy %d is linked from its ledger row", i).isNotNull().isNotEqualTo(far.template());

            ProcessInstance copy = runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult();
            assertThat(copy.getBusinessKey()).isEqualTo(number);
            assertThat(copy.getProcessDefinitionId()).isEqualTo(template.getProcessDefinitionId());
            assertThat(copy.isEnded()).isFalse();
            assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).list())
                    .extracting(ProcessInstance::getId).containsExactly(instance);

            Task task = task(instance);
            assertThat(task.getTaskDefinitionKey()).isEqualTo(RECTIFY);
            assertThat(task.getName()).isEqualTo(templateTask.getName());
            assertThat(task.getDueDate()).isEqualTo(deadline);
            assertThat(tasks.getIdentityLinksForTask(task.getId()))
                    .extracting(IdentityLink::getType, IdentityLink::getGroupId)
                    .containsExactly(tuple(IdentityLinkType.CANDIDATE, ClosedLoops.FIRE_DEPARTMENT));
            assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task.getId()).list())
                    .extracting(Authorization::getGroupId).containsExactly(ClosedLoops.FIRE_DEPARTMENT);

            Map<String, Object> expected = new HashMap<>(runtime.getVariables(far.template()));
            expected.put("hazardNumber", number);
            expected.put("deadline", deadline);
            assertThat(runtime.getVariables(instance)).isEqualTo(expected);

            assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult()
                    .getBusinessKey()).isEqualTo(number);
            assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance).singleResult().getDueDate())
                    .isEqualTo(deadline);
            assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).list().stream()
                    .filter(v -> List.of("hazardNumber", "deadline").contains(v.getName()))
                    .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue)))
                    .containsEntry("hazardNumber", number).containsEntry("deadline", deadline);
        }
    }

    @Test
    void eachCopysTimersAreTheTemplatesMovedByTheDifferenceOfTheDeadlines() {
        Map<String, Date> templateDue = dueDates(far.template());
        String templateCycle = cycle(far.template());
        for (int i = 1; i < far.numbers().size(); i++) {
            String number = far.numbers().get(i);
            String instance = far.instances().get(i);
            Map<String, Date> due = dueDates(instance);
            for (String timer : TIMERS) {
                assertThat(due.get(timer)).as(timer + " of copy " + i)
                        .isEqualTo(new Date(templateDue.get(timer).getTime() + far.shift(i)));
            }
            // and they are the dates the application gives a hazard due then
            assertThat(due.get(DEADLINE)).isEqualTo(Date.from(far.deadlines().get(i)));
            assertThat(due.get(REMINDER)).isEqualTo(Date.from(escalation.reminderAt(number)));
            var schedule = escalation.escalationSchedule(number);
            assertThat(due.get(CYCLE)).isEqualTo(Date.from(schedule.first()));
            String cycle = cycle(instance);
            assertThat(cycle.split("/")[0]).isEqualTo(templateCycle.split("/")[0]).isEqualTo("R" + (schedule.count() - 1));
            assertThat(cycle.split("/")[2]).isEqualTo(templateCycle.split("/")[2]).isEqualTo(schedule.interval().toString());
            OffsetDateTime start = OffsetDateTime.parse(cycle.split("/")[1]);
            assertThat(start.toInstant()).isEqualTo(schedule.first());
            assertThat(start.getOffset()).isEqualTo(OffsetDateTime.parse(templateCycle.split("/")[1]).getOffset());
            assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).creationLog().list())
                    .extracting(HistoricJobLog::getJobDueDate).containsExactlyInAnyOrderElementsOf(due.values());
        }
    }

    @Test
    void eachCopyHasTheTemplatesActivityTreeWithItsOwnIds() {
        ActivityInstance template = runtime.getActivityInstance(far.template());
        for (String instance : far.instances().subList(1, far.instances().size())) {
            ActivityInstance copy = runtime.getActivityInstance(instance);
            assertThat(shape(copy)).isEqualTo(shape(template)).endsWith("[Task_RectifyHazard[]]");
            assertThat(copy.getId()).isEqualTo(instance);
            assertThat(copy.getChildActivityInstances()[0].getId()).startsWith(RECTIFY + ":")
                    .isNotEqualTo(template.getChildActivityInstances()[0].getId());
            assertThat(copy.getChildActivityInstances()[0].getExecutionIds())
                    .doesNotContainAnyElementsOf(List.of(template.getChildActivityInstances()[0].getExecutionIds()));
        }
    }

    @Test
    void noTwoInstancesShareAnyId() {
        Map<String, List<String>> idsByInstance = new LinkedHashMap<>();
        for (Background background : List.of(far, live)) {
            background.instances().forEach(instance -> idsByInstance.put(instance, ids(instance)));
        }
        List<String> all = idsByInstance.values().stream().flatMap(List::stream).toList();
        assertThat(all).doesNotHaveDuplicates();
        List<String> templateIds = idsByInstance.get(far.template());
        assertThat(templateIds).hasSizeGreaterThan(40);
        far.instances().forEach(instance -> assertThat(idsByInstance.get(instance)).as("ids of " + instance)
                .hasSameSizeAs(templateIds));
    }

    /**
     * Seen from the database: every engine table that holds a row of the template is one the copy copies, and holds
     * as many rows of each copy.
     */
    @Test
    void everyEngineTableHoldsAsManyRowsOfACopyAsOfTheTemplate() {
        String templateTask = task(far.template()).getId();
        String copy = far.instances().get(2);
        String copyTask = task(copy).getId();
        Map<String, Integer> copied = EngineRowCopy.of(jdbc, far.template(), far.numbers().get(0), far.deadlines().get(0))
                .rowsPerCopy();
        List<String> tables = jdbc.sql("""
                SELECT table_name FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_name LIKE 'act\\_%' AND table_type = 'BASE TABLE'""")
                .query(String.class).list();
        Map<String, Integer> ofTemplate = new LinkedHashMap<>();
        Map<String, Integer> ofCopy = new LinkedHashMap<>();
        for (String table : tables) {
            jdbc.sql("SELECT count(*) FILTER (WHERE t::text LIKE :template OR t::text LIKE :templateTask),"
                            + " count(*) FILTER (WHERE t::text LIKE :copy OR t::text LIKE :copyTask) FROM " + table + " t")
                    .param("template", "%" + far.template() + "%").param("templateTask", "%" + templateTask + "%")
                    .param("copy", "%" + copy + "%").param("copyTask", "%" + copyTask + "%")
                    .query((rs, row) -> {
                        if (rs.getInt(1) > 0) {
                            ofTemplate.put(table, rs.getInt(1));
                        }
                        if (rs.getInt(2) > 0) {
                            ofCopy.put(table, rs.getInt(2));
                        }
                        return table;
                    }).single();
        }
        assertThat(ofTemplate).containsOnlyKeys(copied.keySet()).isEqualTo(ofCopy);
        assertThat(ofTemplate).containsKeys("act_ru_execution", "act_ru_task", "act_ru_variable", "act_ru_job",
                "act_ru_identitylink", "act_ru_authorization", "act_hi_procinst", "act_hi_actinst", "act_hi_taskinst",
                "act_hi_varinst", "act_hi_detail", "act_hi_identitylink", "act_hi_job_log");
    }

    @Test
    void aCopysDeadlineTimerFiresTheApplicationsOverdueNotice() {
        String number = live.numbers().get(1);
        Instant deadline = live.deadlines().get(1);
        // its reminder, three days before a deadline seconds away, fired at once; the deadline timer may have too
        assertThat(history.createHistoricJobLogQuery().processInstanceId(live.instances().get(1)).activityIdIn(DEADLINE)
                .creationLog().singleResult().getJobDueDate()).isEqualTo(Date.from(deadline));

        // the application's job executor fires it, as any deadline
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ledger.timeline(number).stream().anyMatch(e -> e.action() == TimelineAction.OVERDUE));

        Hazard overdue = ledger.find(number).orElseThrow();
        assertThat(overdue.escalationLevel()).isZero();
        assertThat(overdue.escalationTarget()).isEqualTo(ClosedLoops.FIRE_DEPARTMENT);
        TimelineEntry notice = ledger.timeline(number).stream().filter(e -> e.action() == TimelineAction.OVERDUE)
                .findFirst().orElseThrow();
        assertThat(notice.occurredAt().toInstant()).isAfterOrEqualTo(deadline);
        assertThat(jdbc.sql("SELECT count(*) FROM hl_outbox WHERE hazard_number = :number AND event_type = 'hazard.overdue'")
                .param("number", number).query(Integer.class).single()).isEqualTo(1);
        assertThat(management.createJobQuery().processInstanceId(live.instances().get(1)).activityId(DEADLINE).count())
                .as("the deadline timer is done").isZero();
        assertThat(task(live.instances().get(1)).getTaskDefinitionKey()).isEqualTo(RECTIFY);
    }

    @Test
    void aCopysTaskIsCompletedByTheFireDepartmentAndGoesToVerification() {
        String number = live.numbers().get(2);
        String instance = live.instances().get(2);
        Task task = task(instance);

        identity.setAuthentication(ClosedLoops.FIRE_OFFICER, List.of(ClosedLoops.FIRE_DEPARTMENT));
        try {
            tasks.complete(task.getId(), ClosedLoops.submission());
        } finally {
            identity.clearAuthentication();
        }

        Task verification = task(instance);
        assertThat(verification.getTaskDefinitionKey()).isEqualTo("Task_VerifyRectification");
        assertThat(tasks.getIdentityLinksForTask(verification.getId())).extracting(IdentityLink::getGroupId)
                .contains(ClosedLoops.SAFETY_OFFICE);
        assertThat(management.createJobQuery().processInstanceId(instance).activityId(DEADLINE).count())
                .as("the rectification's timers went with its task").isZero();
        Hazard submitted = ledger.find(number).orElseThrow();
        assertThat(submitted.status()).isEqualTo(HazardStatus.VERIFYING);
        assertThat(submitted.rectifiedBy()).isEqualTo(ClosedLoops.FIRE_OFFICER);
        assertThat(ledger.timeline(number)).extracting(TimelineEntry::action)
                .containsExactly(TimelineAction.RECTIFICATION_SUBMITTED);
    }

    // --- helpers ---

    private Task task(String instance) {
        List<Task> open = tasks.createTaskQuery().processInstanceId(instance).active().list();
        assertThat(open).as("open tasks of " + instance).hasSize(1);
        return open.get(0);
    }

    /** The instance's timer jobs' due dates by boundary event. */
    private Map<String, Date> dueDates(String instance) {
        Map<String, Date> due = new LinkedHashMap<>();
        for (String timer : TIMERS) {
            List<Job> jobs = management.createJobQuery().processInstanceId(instance).timers().activityId(timer).list();
            assertThat(jobs).as(timer + " of " + instance).hasSize(1);
            due.put(timer, jobs.get(0).getDuedate());
        }
        assertThat(management.createJobQuery().processInstanceId(instance).count()).isEqualTo(TIMERS.size());
        return due;
    }

    /** The escalation cycle as the engine keeps it; no API shows it. */
    private String cycle(String instance) {
        return jdbc.sql("SELECT repeat_ FROM act_ru_job WHERE process_instance_id_ = :instance AND repeat_ IS NOT NULL")
                .param("instance", instance).query(String.class).single();
    }

    /** The tree's activities, nested: {@code process[task[]]}. */
    private static String shape(ActivityInstance instance) {
        StringBuilder shape = new StringBuilder(instance.getActivityId()).append('[');
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            shape.append(shape(child));
        }
        return shape.append(']').toString();
    }

    /** Every id the engine's API shows of the instance's runtime and history. */
    private List<String> ids(String instance) {
        List<String> ids = new ArrayList<>();
        runtime.createExecutionQuery().processInstanceId(instance).list().stream().map(Execution::getId).forEach(ids::add);
        collectActivityInstanceIds(runtime.getActivityInstance(instance), ids);
        for (Task task : tasks.createTaskQuery().processInstanceId(instance).list()) {
            ids.add(task.getId());
            tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getId).forEach(ids::add);
            authorizations.createAuthorizationQuery().resourceId(task.getId()).list().stream().map(Authorization::getId)
                    .forEach(ids::add);
            history.createHistoricIdentityLinkLogQuery().taskId(task.getId()).list().stream()
                    .map(HistoricIdentityLinkLog::getId).forEach(ids::add);
        }
        management.createJobQuery().processInstanceId(instance).list().stream().map(Job::getId).forEach(ids::add);
        runtime.createVariableInstanceQuery().processInstanceIdIn(instance).list().stream().map(VariableInstance::getId)
                .forEach(ids::add);
        history.createHistoricActivityInstanceQuery().processInstanceId(instance).list()
                .forEach(a -> ids.add("historic activity " + a.getId()));
        history.createHistoricTaskInstanceQuery().processInstanceId(instance).list()
                .forEach(t -> ids.add("historic task " + t.getId()));
        history.createHistoricVariableInstanceQuery().processInstanceId(instance).list()
                .forEach(v -> ids.add("historic variable " + v.getId()));
        history.createHistoricDetailQuery().processInstanceId(instance).list().stream().map(HistoricDetail::getId)
                .forEach(ids::add);
        history.createHistoricJobLogQuery().processInstanceId(instance).list().stream().map(HistoricJobLog::getId)
                .forEach(ids::add);
        return ids;
    }

    private static void collectActivityInstanceIds(ActivityInstance instance, List<String> ids) {
        ids.add("activity " + instance.getId());
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            collectActivityInstanceIds(child, ids);
        }
    }
}
