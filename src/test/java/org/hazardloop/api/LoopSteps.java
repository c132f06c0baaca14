package org.hazardloop.api;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * Moves a reported hazard along the loop through the engine, as the supervisor and the responsible
 * person would in Tasklist: claim the hazard's open task, complete it with the form's values. The
 * process listeners write the ledger, so ledger and engine stay in step.
 */
final class LoopSteps {

    static final String SUPERVISOR = "supervisor";

    private final TaskService taskService;

    LoopSteps(TaskService taskService) {
        this.taskService = taskService;
    }

    void assign(String number, String grade, String department, String person, OffsetDateTime deadline) {
        complete(number, "Task_AssignHazard", SUPERVISOR, assignment(grade, department, person, deadline));
    }

    void submitRectification(String number, String person) {
        complete(number, "Task_RectifyHazard", person, Map.of("rectificationOutcome", "SUBMIT",
                "rectificationReport", "已清理通道并设置警示标识", "actualCost", "800.00"));
    }

    /** Verification passes; a general hazard's loop then ends and it is struck off. */
    void passVerification(String number) {
        complete(number, "Task_VerifyRectification", SUPERVISOR, Map.of("verificationPassed", true));
    }

    private void complete(String number, String taskKey, String user, Map<String, Object> values) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey(taskKey)
                .singleResult();
        taskService.claim(task.getId(), user);
        taskService.complete(task.getId(), values);
    }

    static Map<String, Object> assignment(String grade, String department, String person, OffsetDateTime deadline) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("grade", grade);
        values.put("riskLevel", "YELLOW");
        values.put("measures", "清理堆放物，设置警示标识，每日巡查");
        values.put("responsibleDepartment", department);
        values.put("responsiblePerson", person);
        values.put("funds", "1000.00");
        values.put("deadline", deadline.toString());
        values.put("contingencyPlan", "通道堵塞期间安排专人值守，配备灭火器");
        return values;
    }
}
