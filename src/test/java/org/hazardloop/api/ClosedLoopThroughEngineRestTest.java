package org.hazardloop.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole loop as a client of the engine REST API drives it: find the hazard's task by business key,
 * claim it, complete it with typed variables; after every step the application API shows the ledger
 * agreeing with the engine. Refused and failing steps leave both exactly as they were.
 */
class ClosedLoopThroughEngineRestTest extends ApiIntegrationTest {

    private static final String SUPERVISOR = "supervisor";
    private static final String FIRE_OFFICER = "fire-officer";
    private static final String DISTRICT_OFFICER = "district-officer";
    /** The engine REST API's date format for typed Date variables. */
    private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    @Test
    void aMajorHazardGoesRoundTheWholeLoopWithTheLedgerInStepAtEveryTask() {
        String number = report();
        assertStep(number, "REPORTED", "Task_AssignHazard", "REPORTED");

        OffsetDateTime deadline = OffsetDateTime.now(BEIJING).plusDays(10).truncatedTo(ChronoUnit.SECONDS);
        completeAs(SUPERVISOR, number, "Task_AssignHazard", assignment("MAJOR", deadline));
        JsonNode assigned = assertStep(number, "RECTIFYING", "Task_RectifyHazard", "ASSIGNED");
        JsonNode five = assigned.path("fiveImplementations");
        assertThat(assigned.path("grade").asText()).isEqualTo("MAJOR");
        assertThat(assigned.path("riskLevel").asText()).isEqualTo("ORANGE");
        assertThat(assigned.path("assignedBy").asText()).isEqualTo(SUPERVISOR);
        assertThat(five.path("measures").asText()).isEqualTo("清理消防通道，拆除疏散门门锁");
        assertThat(five.path("responsibleDepartment").asText()).isEqualTo("T01-FIRE");
        assertThat(five.path("responsiblePerson").asText()).isEqualTo(FIRE_OFFICER);
        assertThat(five.path("funds").decimalValue()).isEqualByComparingTo("5000.5");
        assertThat(instant(five.path("deadline"))).isEqualTo(deadline.toInstant());
        assertThat(five.path("contingencyPlan").asText()).startsWith("专人值守");
        assertThat(assigned.path("overdue").asBoolean()).isFalse();

        OffsetDateTime extended = deadline.plusDays(20);
        completeAs(FIRE_OFFICER, number, "Task_RectifyHazard", Map.of(
                "rectificationOutcome", text("REQUEST_EXTENSION"),
                "requestedDeadline", date(extended),
                "interimMeasures", text("疏散门改为推闩锁，每两小时巡查一次")));
        JsonNode requested = assertStep(number, "EXTENSION_REQUESTED", "Task_ReviewExtension", "EXTENSION_REQUESTED");
        assertThat(requested.path("extensionRequestedBy").asText()).isEqualTo(FIRE_OFFICER);
        assertThat(instant(requested.path("requestedDeadline"))).isEqualTo(extended.toInstant());

        completeAs(SUPERVISOR, number, "Task_ReviewExtension", Map.of("extensionApproved", bool(true)));
        JsonNode approved = assertStep(number, "RECTIFYING", "Task_RectifyHazard", "EXTENSION_APPROVED");
        assertThat(instant(approved.path("fiveImplementations").path("deadline"))).isEqualTo(extended.toInstant());
        assertThat(approved.has("requestedDeadline")).isFalse();

        completeAs(FIRE_OFFICER, number, "Task_RectifyHazard", submission("已清理通道"));
        JsonNode submitted = assertStep(number, "VERIFYING", "Task_VerifyRectification", "RECTIFICATION_SUBMITTED");
        assertThat(submitted.path("rectifiedBy").asText()).isEqualTo(FIRE_OFFICER);

        completeAs(SUPERVISOR, number, "Task_VerifyRectification", Map.of(
                "verificationPassed", bool(false), "verificationComment", text("疏散门仍上锁，属纸面整改")));
        JsonNode rework = assertStep(number, "RECTIFYING", "Task_RectifyHazard", "VERIFICATION_FAILED");
        assertThat(rework.path("reworkCount").asInt()).isEqualTo(1);

        completeAs(FIRE_OFFICER, number, "Task_RectifyHazard", submission("已拆除门锁并复查"));
        assertStep(number, "VERIFYING", "Task_VerifyRectification", "RECTIFICATION_SUBMITTED");

        completeAs(SUPERVISOR, number, "Task_VerifyRectification", Map.of("verificationPassed", bool(true)));
        assertStep(number, "AWAITING_CLOSEOUT", "Task_ApproveCloseout", "VERIFIED");

        completeAs(DISTRICT_OFFICER, number, "Task_ApproveCloseout", Map.of(
                "closeoutApproved", bool(false), "closeoutComment", text("缺少复查照片")));
        assertStep(number, "VERIFYING", "Task_VerifyRectification", "CLOSEOUT_REJECTED");

        completeAs(SUPERVISOR, number, "Task_VerifyRectification", Map.of("verificationPassed", bool(true)));
        assertStep(number, "AWAITING_CLOSEOUT", "Task_ApproveCloseout", "VERIFIED");

        completeAs(DISTRICT_OFFICER, number, "Task_ApproveCloseout", Map.of("closeoutApproved", bool(true)));
        JsonNode closed = hazard(number);
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("statusName").asText()).isEqualTo("已销号");
        assertThat(closed.path("closedBy").asText()).isEqualTo(DISTRICT_OFFICER);
        assertThat(closed.has("closedAt")).isTrue();
        assertThat(closed.path("reworkCount").asInt()).isEqualTo(1);
        assertThat(openTasks(number)).isEmpty();
        assertThat(as("admin", () -> get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + number))
                .json().get(0).path("state").asText()).isEqualTo("COMPLETED");
        assertThat(steps(closed)).containsExactly("REPORTED", "ASSIGNED", "EXTENSION_REQUESTED",
                "EXTENSION_APPROVED", "RECTIFICATION_SUBMITTED", "VERIFICATION_FAILED", "RECTIFICATION_SUBMITTED",
                "VERIFIED", "CLOSEOUT_REJECTED", "VERIFIED", "CLOSEOUT_APPROVED", "CLOSED");
        assertThat(stepActors(closed)).containsExactly("inspector", SUPERVISOR, FIRE_OFFICER, SUPERVISOR, FIRE_OFFICER,
                SUPERVISOR, FIRE_OFFICER, SUPERVISOR, DISTRICT_OFFICER, SUPERVISOR, DISTRICT_OFFICER, DISTRICT_OFFICER);
        // every claim is in the timeline too, just before the step it was claimed for
        assertThat(claimants(closed)).containsExactly(SUPERVISOR, FIRE_OFFICER, SUPERVISOR, FIRE_OFFICER, SUPERVISOR,
                FIRE_OFFICER, SUPERVISOR, DISTRICT_OFFICER, SUPERVISOR, DISTRICT_OFFICER);
    }

    @Test
    void aGeneralHazardIsStruckOffWhenVerified() {
        String number = report();
        completeAs(SUPERVISOR, number, "Task_AssignHazard",
                assignment("GENERAL", OffsetDateTime.now(BEIJING).plusDays(3)));
        completeAs(FIRE_OFFICER, number, "Task_RectifyHazard", submission("已清理通道"));
        completeAs(SUPERVISOR, number, "Task_VerifyRectification", Map.of("verificationPassed", bool(true)));

        JsonNode closed = hazard(number);
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("closedBy").asText()).isEqualTo(SUPERVISOR);
        assertThat(openTasks(number)).isEmpty();
        assertThat(steps(closed)).containsExactly("REPORTED", "ASSIGNED", "RECTIFICATION_SUBMITTED", "VERIFIED",
                "CLOSED");
    }

    @Test
    void aRefusedStepLeavesEngineAndLedgerUnchanged() {
        String number = report();
        String taskId = openTask(number, "Task_AssignHazard");
        claim(taskId, SUPERVISOR);
        JsonNode before = hazard(number);
        Map<String, Object> withoutDeadline = assignment("GENERAL", OffsetDateTime.now(BEIJING).plusDays(3));
        withoutDeadline.remove("deadline");

        HttpResult refused = as(SUPERVISOR, () -> complete(taskId, withoutDeadline));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("message").asText()).contains("整改时限").contains("deadline");
        assertThat(openTask(number, "Task_AssignHazard")).isEqualTo(taskId);
        assertThat(processVariables(number).has("grade")).as("no variable of the refused step stays").isFalse();
        assertThat(hazard(number)).isEqualTo(before);
    }

    /**
     * The assignment passes every rule and its listener writes the ledger; then, in the same transaction,
     * the engine cannot store an extra variable longer than its 4000-character column and fails while
     * flushing. Both must roll back together: a ledger saying "assigned" for a task still open is the
     * split this design exists to prevent.
     */
    @Test
    void aStepThatFailsAfterTheLedgerWriteRollsBackBoth() {
        String number = report();
        String taskId = openTask(number, "Task_AssignHazard");
        claim(taskId, SUPERVISOR);
        JsonNode before = hazard(number);
        Map<String, Object> values = assignment("MAJOR", OffsetDateTime.now(BEIJING).plusDays(3));
        values.put("remark", text("备注".repeat(2001)));

        HttpResult failed = as(SUPERVISOR, () -> complete(taskId, values));

        assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
        // Camunda's code for a failure in its persistence layer: the flush at the end of the step, after the listener.
        assertThat(failed.json().path("code").asInt()).as(failed.toString()).isEqualTo(10002);
        assertThat(openTask(number, "Task_AssignHazard")).isEqualTo(taskId);
        assertThat(processVariables(number).has("grade")).isFalse();
        assertThat(processVariables(number).has("remark")).isFalse();
        JsonNode after = hazard(number);
        assertThat(after).isEqualTo(before);
        assertThat(after.path("status").asText()).isEqualTo("REPORTED");
        assertThat(steps(after)).containsExactly("REPORTED");

        // The same assignment without the oversized remark goes through: nothing was left half-done.
        values.remove("remark");
        assertThat(as(SUPERVISOR, () -> complete(taskId, values)).status()).isEqualTo(204);
        assertStep(number, "RECTIFYING", "Task_RectifyHazard", "ASSIGNED");
    }

    // --- the hazard through the application API ---

    private String report() {
        HttpResult created = postJson("/api/hazards", validReport("V01"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("number").asText();
    }

    private JsonNode hazard(String number) {
        HttpResult read = get("/api/hazards/" + number);
        assertThat(read.status()).isEqualTo(200);
        return read.json();
    }

    /** The ledger's status and last timeline action agree with the one task the engine has open. */
    private JsonNode assertStep(String number, String status, String openTask, String lastAction) {
        JsonNode hazard = hazard(number);
        assertThat(hazard.path("status").asText()).as("ledger status").isEqualTo(status);
        List<String> actions = actions(hazard);
        assertThat(actions.get(actions.size() - 1)).as("last timeline entry").isEqualTo(lastAction);
        JsonNode tasks = openTasks(number);
        assertThat(tasks).as("open tasks").hasSize(1);
        assertThat(tasks.get(0).path("taskDefinitionKey").asText()).as("open task").isEqualTo(openTask);
        return hazard;
    }

    /** The timeline's actions, claims left out. */
    private static List<String> steps(JsonNode hazard) {
        return timeline(hazard).filter(entry -> !entry.path("action").asText().equals("CLAIMED"))
                .map(entry -> entry.path("action").asText()).toList();
    }

    private static List<String> actions(JsonNode hazard) {
        return hazard.path("timeline").findValuesAsText("action");
    }

    private static List<String> stepActors(JsonNode hazard) {
        return timeline(hazard).filter(entry -> !entry.path("action").asText().equals("CLAIMED"))
                .map(entry -> entry.path("actor").asText()).toList();
    }

    /** Who claimed, in order; each claimed the task for themselves. */
    private static List<String> claimants(JsonNode hazard) {
        return timeline(hazard).filter(entry -> entry.path("action").asText().equals("CLAIMED"))
                .peek(entry -> assertThat(entry.path("details").path("assignee").asText())
                        .isEqualTo(entry.path("actor").asText()))
                .map(entry -> entry.path("actor").asText()).toList();
    }

    private static java.util.stream.Stream<JsonNode> timeline(JsonNode hazard) {
        return java.util.stream.StreamSupport.stream(hazard.path("timeline").spliterator(), false);
    }

    private static java.time.Instant instant(JsonNode dateTime) {
        return OffsetDateTime.parse(dateTime.asText()).toInstant();
    }

    // --- the engine REST API ---

    private JsonNode openTasks(String number) {
        HttpResult tasks = as("admin", () -> get("/engine-rest/task?processInstanceBusinessKey=" + number));
        assertThat(tasks.status()).isEqualTo(200);
        return tasks.json();
    }

    private String openTask(String number, String key) {
        JsonNode tasks = openTasks(number);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("taskDefinitionKey").asText()).isEqualTo(key);
        return tasks.get(0).path("id").asText();
    }

    private JsonNode processVariables(String number) {
        String instance = hazard(number).path("processInstanceId").asText();
        return as("admin", () -> get("/engine-rest/process-instance/" + instance + "/variables")).json();
    }

    private void claim(String taskId, String user) {
        HttpResult claimed = as(user, () -> postJson("/engine-rest/task/" + taskId + "/claim", Map.of("userId", user)));
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(204);
    }

    private HttpResult complete(String taskId, Map<String, Object> variables) {
        return postJson("/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
    }

    private void completeAs(String user, String number, String taskKey, Map<String, Object> variables) {
        String taskId = openTask(number, taskKey);
        claim(taskId, user);
        HttpResult completed = as(user, () -> complete(taskId, variables));
        assertThat(completed.status()).as(taskKey + " by " + user + ": " + completed).isEqualTo(204);
    }

    private static Map<String, Object> assignment(String grade, OffsetDateTime deadline) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("grade", text(grade));
        values.put("riskLevel", text("ORANGE"));
        values.put("measures", text("清理消防通道，拆除疏散门门锁"));
        values.put("responsibleDepartment", text("T01-FIRE"));
        values.put("responsiblePerson", text(FIRE_OFFICER));
        values.put("funds", Map.of("value", 5000.5, "type", "Double"));
        values.put("deadline", date(deadline));
        values.put("contingencyPlan", text("专人值守，配备灭火器，险情时按疏散预案处置"));
        return values;
    }

    private static Map<String, Object> submission(String report) {
        return Map.of("rectificationOutcome", text("SUBMIT"), "rectificationReport", text(report),
                "actualCost", Map.of("value", 4200, "type", "Integer"));
    }

    private static Map<String, Object> text(String value) {
        return Map.of("value", value, "type", "String");
    }

    private static Map<String, Object> bool(boolean value) {
        return Map.of("value", value, "type", "Boolean");
    }

    private static Map<String, Object> date(OffsetDateTime value) {
        return Map.of("value", value.truncatedTo(ChronoUnit.MILLIS).format(ENGINE_DATE), "type", "Date");
    }
}
