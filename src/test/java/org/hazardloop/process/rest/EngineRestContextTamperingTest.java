package org.hazardloop.process.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hazardloop.process.HazardProcessDriver.FIRE_OFFICER;
import static org.hazardloop.process.HazardProcessDriver.SUPERVISOR;
import static org.hazardloop.process.HazardProcessDriver.assignment;
import static org.hazardloop.process.HazardProcessDriver.daysAhead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.task.Task;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.TimelineEntry;
import org.hazardloop.process.HazardProcessDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Over real HTTP, as any client of the engine REST API may try it: completing a task with a variable that
 * would change the hazard's context is a 400 naming the field, and nothing changes; the same value is a 204.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(HazardProcessDriver.class)
class EngineRestContextTamperingTest {

    /** The engine REST API's format for typed Date variables. */
    private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    @LocalServerPort
    int port;

    @Autowired
    HazardProcessDriver driver;

    final HttpClient http = HttpClient.newHttpClient();
    /** The demo user the engine REST requests are sent as: the one who claimed the task. */
    String actingUser;
    final ObjectMapper json = new ObjectMapper();

    /** A task of a MAJOR hazard, claimed by the one who works it, with a valid answer. */
    record OpenStep(String number, String taskId, String nextTask, Map<String, Object> answer) {
    }

    static Stream<Arguments> tamperedContext() {
        return Stream.of(
                Arguments.of("complete", "verify", "grade", text("GENERAL")),
                Arguments.of("complete", "rectify", "safetyOffice", text("T02-SAFETY")),
                Arguments.of("complete", "rectify", "responsibleDepartment", text("T01-BUILDING")),
                Arguments.of("complete", "rectify", "deadline", date(daysAhead(60))),
                Arguments.of("submit-form", "verify", "supervisingOffice", text("T01-SAFETY")),
                Arguments.of("submit-form", "rectify", "deadline", Map.of("value", daysAhead(60).toString())));
    }

    @ParameterizedTest(name = "{0}: {2} on {1}")
    @MethodSource("tamperedContext")
    void aChangedContextVariableIsABadRequestAndChangesNothing(String endpoint, String step, String field,
                                                               Map<String, Object> tampered) throws Exception {
        OpenStep open = majorHazardAt(step, "REST 篡改：" + field);
        Map<String, Object> variables = new LinkedHashMap<>(open.answer());
        variables.put(field, tampered);

        refusedWithoutChange(open, endpoint, variables, field);

        HttpResponse<String> accepted = post("/engine-rest/task/" + open.taskId() + "/" + endpoint,
                Map.of("variables", open.answer()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
        assertThat(driver.task(open.number()).getTaskDefinitionKey()).isEqualTo(open.nextTask());
    }

    @Test
    void anotherHazardsNumberIsABadRequestAndAssignsNeitherHazard() throws Exception {
        String target = driver.report("REST 篡改：被交办的另一隐患");
        String number = driver.report("REST 篡改：交办时改隐患编号");
        String taskId = claimed(number, SUPERVISOR);
        Hazard targetBefore = driver.hazard(target);
        Map<String, Object> variables = asVariables(assignment("GENERAL", daysAhead(10)));
        variables.put("hazardNumber", text(target));
        OpenStep open = new OpenStep(number, taskId, "Task_RectifyHazard", asVariables(assignment("GENERAL", daysAhead(10))));

        refusedWithoutChange(open, "complete", variables, "hazardNumber");

        assertThat(driver.hazard(target)).isEqualTo(targetBefore);
        assertThat(driver.task(target).getTaskDefinitionKey()).isEqualTo("Task_AssignHazard");
    }

    @Test
    void echoingTheSameContextIsAccepted() throws Exception {
        OpenStep rectify = majorHazardAt("rectify", "REST 回显：整改");
        Hazard hazard = driver.hazard(rectify.number());
        Map<String, Object> variables = new LinkedHashMap<>(rectify.answer());
        variables.put("hazardNumber", text(rectify.number()));
        variables.put("deadline", date(hazard.deadline()));
        variables.put("responsibleDepartment", text(hazard.responsibleDepartment()));
        variables.put("funds", Map.of("value", 5000.5, "type", "Double"));

        HttpResponse<String> accepted = post("/engine-rest/task/" + rectify.taskId() + "/complete",
                Map.of("variables", variables));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
        assertThat(driver.task(rectify.number()).getTaskDefinitionKey()).isEqualTo("Task_VerifyRectification");
    }

    private void refusedWithoutChange(OpenStep open, String endpoint, Map<String, Object> variables, String field)
            throws Exception {
        Task taskBefore = driver.task(open.number());
        Hazard hazardBefore = driver.hazard(open.number());
        List<TimelineEntry> timelineBefore = driver.timeline(open.number());
        Map<String, Object> variablesBefore = driver.variables(open.number());

        HttpResponse<String> response = post("/engine-rest/task/" + open.taskId() + "/" + endpoint,
                Map.of("variables", variables));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo("HazardRuleViolation");
        assertThat(body.path("message").asText()).startsWith("不能在办理任务时修改隐患基本信息：").endsWith("（" + field + "）");
        assertThat(body.path("violations").get(0).path("field").asText()).isEqualTo(field);
        Task taskAfter = driver.task(open.number());
        assertThat(taskAfter.getId()).isEqualTo(taskBefore.getId());
        assertThat(taskAfter.getDueDate()).isEqualTo(taskBefore.getDueDate());
        assertThat(driver.hazard(open.number())).isEqualTo(hazardBefore);
        assertThat(driver.timeline(open.number())).isEqualTo(timelineBefore);
        assertThat(driver.variables(open.number())).isEqualTo(variablesBefore);
    }

    /** Reports a hazard, assigns it as MAJOR, brings it to rectification or verification and claims that task. */
    private OpenStep majorHazardAt(String step, String title) throws Exception {
        String number = driver.report(title);
        driver.complete(SUPERVISOR, number, assignment("MAJOR", daysAhead(10)));
        if (step.equals("rectify")) {
            return new OpenStep(number, claimed(number, FIRE_OFFICER), "Task_VerifyRectification", Map.of(
                    "rectificationOutcome", text("SUBMIT"), "rectificationReport", text("已整改"),
                    "actualCost", Map.of("value", 100, "type", "Integer")));
        }
        driver.complete(FIRE_OFFICER, number, HazardProcessDriver.submission("已整改", "100"));
        return new OpenStep(number, claimed(number, SUPERVISOR), "Task_ApproveCloseout",
                Map.of("verificationPassed", Map.of("value", true, "type", "Boolean")));
    }

    /** Claims the hazard's task as {@code user} over the engine REST API; the following requests go as them too. */
    private String claimed(String number, String user) throws Exception {
        actingUser = user;
        String taskId = driver.task(number).getId();
        HttpResponse<String> claim = post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
        return taskId;
    }

    private static Map<String, Object> asVariables(Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return variables;
    }

    private static Map<String, Object> text(String value) {
        return Map.of("value", value, "type", "String");
    }

    private static Map<String, Object> date(OffsetDateTime value) {
        return Map.of("value", value.truncatedTo(ChronoUnit.MILLIS).format(ENGINE_DATE), "type", "Date");
    }

    private HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                (actingUser + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
