package org.hazardloop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.HazardReport;
import org.hazardloop.hazard.HazardReporting;
import org.hazardloop.hazard.HazardRuleViolation;
import org.hazardloop.hazard.TimelineEntry;

/**
 * Drives hazards through the process as the demo grid's users would: reports on grid unit V01 (safety office
 * T01-SAFETY, supervising office D01-SAFETY), completes tasks logged in as a user, reads the ledger back.
 */

public class HazardProcessDriver {

    public static final String INSPECTOR = "inspector";
    public static final String SUPERVISOR = "supervisor";
    public static final String FIRE_OFFICER = "fire-officer";
    public static final String DISTRICT_OFFICER = "district-officer";
    public static final String SAFETY_OFFICE = "T01-SAFETY";
    public static final String SUPERVISING_OFFICE = "D01-SAFETY";
    public static final String FIRE_DEPARTMENT = "T01-FIRE";
    public static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private final HazardReporting reporting;
    private final HazardLedger ledger;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final FormService formService;

    public HazardProcessDriver(HazardReporting reporting, HazardLedger ledger, TaskService taskService,
                               RuntimeService runtimeService, IdentityService identityService, FormService formService) {
        this.reporting = reporting;
        this.ledger = ledger;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.formService = formService;
    }

    /** Reports a new hazard with a unique report id; returns its number. */
    public String report(String title) {
        return reporting.report(new HazardReport("process-test-" + UUID.randomUUID(), title,
                "消防通道被货物堵塞，疏散门上锁", "FIRE", "长安镇新华社区商业街 12 号", "V01", null), INSPECTOR).number();
    }

    public ProcessInstance instance(String number) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
    }

    /** The hazard's one open task. */
    public Task task(String number) {
        List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(number).list();
        assertThat(tasks).as("open tasks of " + number).hasSize(1);
        return tasks.get(0);
    }

    /** The Camunda Form the open task shows, resolved in the task's own deployment. */
    public String formRef(String number) {
        var formRef = formService.getTaskFormData(task(number).getId()).getCamundaFormRef();
        assertThat(formRef.getBinding()).isEqualTo("deployment");
        return formRef.getKey();
    }

    public Map<String, Object> variables(String number) {
        return runtimeService.getVariables(instance(number).getId());
    }

    public Hazard hazard(String number) {
        return ledger.find(number).orElseThrow();
    }

    public List<TimelineEntry> timeline(String number) {
        return ledger.timeline(number);
    }

    public TimelineEntry lastEntry(String number) {
        List<TimelineEntry> timeline = timeline(number);
        return timeline.get(timeline.size() - 1);
    }

    /** Completes the hazard's open task logged in as {@code user}, with their groups, as Tasklist does. */
    public void complete(String user, String number, Map<String, ?> values) {
        String taskId = task(number).getId();
        if (user != null) {
            logIn(user);
        }
        try {
            taskService.complete(taskId, new HashMap<>(values));
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** The password of the users {@link #newUser} creates. */
    public static final String TEST_PASSWORD = "Test-password-1";

    private final List<String> createdUsers = new java.util.ArrayList<>();

    /**
     * A user of its own (id {@code prefix-<random>}, password {@link #TEST_PASSWORD}) in {@code groups}, e.g. someone
     * who is both in a safety office and in an industry department; {@link #removeUsers} deletes them again.
     */
    public String newUser(String prefix, String... groups) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        var user = identityService.newUser(id);
        user.setFirstName("测试");
        user.setLastName(prefix);
        user.setPassword(TEST_PASSWORD);
        identityService.saveUser(user);
        for (String group : groups) {
            identityService.createMembership(id, group);
        }
        createdUsers.add(id);
        return id;
    }

    public void removeUsers() {
        createdUsers.forEach(identityService::deleteUser);
        createdUsers.clear();
    }

    /** Authenticates {@code user} to the engine with all their groups, as Tasklist's login does. */
    public void logIn(String user) {
        List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList();
        identityService.setAuthentication(user, groups);
    }

    /** Completes as {@code user} expecting a refusal; returns it. */
    public HazardRuleViolation refused(String user, String number, Map<String, ?> values) {
        try {
            complete(user, number, values);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof HazardRuleViolation violation) {
                    return violation;
                }
            }
            throw e;
        }
        return fail("expected the step to be refused, but it was accepted");
    }

    /** A deadline as the Camunda Forms datetime field submits it: minutes and a UTC offset. */
    public static OffsetDateTime daysAhead(int days) {
        return OffsetDateTime.now(BEIJING).plusDays(days).truncatedTo(ChronoUnit.MINUTES);
    }

    /** A complete, valid assignment to the fire department, as the assign form submits it. */
    public static Map<String, Object> assignment(String grade, OffsetDateTime deadline) {
        Map<String, Object> values = new HashMap<>();
        values.put("grade", grade);
        values.put("riskLevel", "ORANGE");
        values.put("measures", "清理消防通道，拆除疏散门门锁，设置警示标识");
        values.put("responsibleDepartment", FIRE_DEPARTMENT);
        values.put("responsiblePerson", FIRE_OFFICER);
        values.put("funds", 5000.5);
        values.put("deadline", deadline.toString());
        values.put("contingencyPlan", "整改期间安排专人值守，配备灭火器，险情时按商业街疏散预案处置");
        return values;
    }

    public static Map<String, Object> submission(String report, Object cost) {
        return Map.of("rectificationOutcome", "SUBMIT", "rectificationReport", report, "actualCost", cost);
    }

    public static Map<String, Object> extensionRequest(OffsetDateTime requested) {
        return Map.of("rectificationOutcome", "REQUEST_EXTENSION", "requestedDeadline", requested.toString(),
                "interimMeasures", "疏散门改为推闩锁，每两小时巡查一次");
    }

    /** A yes/no decision as the forms' radio groups submit it: "true"/"false" strings. */
    public static Map<String, Object> decision(String decisionField, boolean yes, String commentField, String comment) {
        Map<String, Object> values = new HashMap<>();
        values.put(decisionField, Boolean.toString(yes));
        if (comment != null) {
            values.put(commentField, comment);
        }
        return values;
    }
}
