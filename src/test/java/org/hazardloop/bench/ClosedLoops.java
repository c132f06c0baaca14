package org.hazardloop.bench;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.hazardloop.hazard.HazardReport;
import org.hazardloop.hazard.HazardReporting;
import org.hazardloop.hazard.ReportedHazard;

/**
 * One closed loop — report → assign → rectify → verify → close — of a general hazard, driven as the demo grid's
 * users would (grid unit V01: safety office T01-SAFETY, responsible department T01-FIRE): through the application's
 * services, or the same steps on the bare Camunda process. Four write transactions per loop either way.
 */
final class ClosedLoops {

    static final String REPORTER = "inspector";
    static final String SUPERVISOR = "supervisor";
    static final String FIRE_OFFICER = "fire-officer";
    static final String GRID_UNIT = "V01";
    static final String SAFETY_OFFICE = "T01-SAFETY";
    static final String SUPERVISING_OFFICE = "D01-SAFETY";
    static final String FIRE_DEPARTMENT = "T01-FIRE";
    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    /** The transactions that write, per loop: the report and three task completions (the last one closes). */
    static final int COMMITS_PER_LOOP = 4;

    private ClosedLoops() {
    }

    static HazardReport report(String reportId) {
        return new HazardReport(reportId, "消防通道堆放杂物", "3 号仓库东侧消防通道被纸箱堵塞，宽度不足 1 米", "FIRE",
                "长安镇新华社区工业路 18 号", GRID_UNIT, null);
    }

    /** The assignment form's values as Tasklist submits them (the deadline as text with an offset). */
    static Map<String, Object> assignment() {
        Map<String, Object> values = new HashMap<>();
        values.put("grade", "GENERAL");
        values.put("riskLevel", "YELLOW");
        values.put("measures", "清理堆放物，设置警示标识，每日巡查");
        values.put("responsibleDepartment", FIRE_DEPARTMENT);
        values.put("responsiblePerson", FIRE_OFFICER);
        values.put("funds", 1000.0);
        values.put("deadline", OffsetDateTime.now(BEIJING).plusDays(7).truncatedTo(ChronoUnit.MINUTES).toString());
        values.put("contingencyPlan", "通道堵塞期间安排专人值守，配备灭火器");
        return values;
    }

    static Map<String, Object> submission() {
        return Map.of("rectificationOutcome", "SUBMIT", "rectificationReport", "已清理通道并设置警示标识",
                "actualCost", 800.0);
    }

    static Map<String, Object> verification() {
        return Map.of("verificationPassed", "true");
    }

    /** The application: HazardReporting, then each task completed by its user as Tasklist does. */
    static LoadRun.Operation app(HazardReporting reporting, TaskService tasks, IdentityService identity, String prefix) {
        return sequence -> {
            ReportedHazard hazard = reporting.report(report(prefix + "-" + sequence), REPORTER);
            String instance = hazard.processInstanceId();
            complete(tasks, identity, instance, SUPERVISOR, assignment());
            complete(tasks, identity, instance, FIRE_OFFICER, submission());
            complete(tasks, identity, instance, SUPERVISOR, verification());
        };
    }

    /** The bare process: the same start variables and task completions, typed as the engine needs them. */
    static LoadRun.Operation bare(RuntimeService runtime, TaskService tasks, IdentityService identity, String prefix) {
        return sequence -> {
            String businessKey = prefix + "-" + sequence;
            String instance = runtime.startProcessInstanceByKey(BareClosedLoopProcess.KEY, businessKey,
                    bareStartVariables(businessKey)).getId();
            Map<String, Object> assignment = assignment();
            assignment.put("deadline", Date.from(OffsetDateTime.parse((String) assignment.get("deadline")).toInstant()));
            complete(tasks, identity, instance, SUPERVISOR, assignment);
            complete(tasks, identity, instance, FIRE_OFFICER, submission());
            complete(tasks, identity, instance, SUPERVISOR, Map.of("verificationPassed", true));
        };
    }

    /** The variables the application sets when it starts a hazard's process (its context projection). */
    static Map<String, Object> bareStartVariables(String businessKey) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("hazardNumber", businessKey);
        variables.put("hazardTitle", "消防通道堆放杂物");
        variables.put("hazardDescription", "3 号仓库东侧消防通道被纸箱堵塞，宽度不足 1 米");
        variables.put("sector", "FIRE");
        variables.put("location", "长安镇新华社区工业路 18 号");
        variables.put("gridUnit", GRID_UNIT);
        variables.put("safetyOffice", SAFETY_OFFICE);
        variables.put("supervisingOffice", SUPERVISING_OFFICE);
        return variables;
    }

    private static void complete(TaskService tasks, IdentityService identity, String instance, String user,
                                 Map<String, Object> values) {
        Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
        if (task == null) {
            throw new IllegalStateException("no open task in process instance " + instance);
        }
        // logged in with their groups, as Tasklist does: the engine authorizes the task by candidate group
        identity.setAuthentication(user, java.util.List.of(SUPERVISOR.equals(user) ? SAFETY_OFFICE : FIRE_DEPARTMENT));
        try {
            tasks.complete(task.getId(), values);
        } finally {
            identity.clearAuthentication();
        }
    }
}
