package org.hazardloop.api;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hazardloop.hazard.HazardLifecycle;

/** Moves a reported hazard along the loop, as the supervisor and the responsible person would. */
final class LoopSteps {

    static final String SUPERVISOR = "supervisor";

    private final HazardLifecycle lifecycle;

    LoopSteps(HazardLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    void assign(String number, String grade, String department, String person, OffsetDateTime deadline) {
        lifecycle.assign(number, SUPERVISOR, assignment(grade, department, person, deadline));
    }

    void submitRectification(String number, String person) {
        lifecycle.rectify(number, person, Map.of("rectificationOutcome", "SUBMIT",
                "rectificationReport", "已清理通道并设置警示标识", "actualCost", "800.00"));
    }

    /** Verification passes; a general hazard is then struck off. */
    void passVerificationAndClose(String number) {
        lifecycle.verify(number, SUPERVISOR, Map.of("verificationPassed", true));
        lifecycle.strikeOff(number);
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
