package org.hazardloop.process.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hazardloop.process.HazardProcessDriver.SUPERVISOR;
import static org.hazardloop.process.HazardProcessDriver.assignment;
import static org.hazardloop.process.HazardProcessDriver.daysAhead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.process.HazardProcessDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Over real HTTP: a refused step is a 400 whose message is our Chinese message, both through the engine
 * REST API ({@code /engine-rest}) and through the web apps' engine API that Tasklist submits forms to.
 * Everything else keeps Camunda's own status and error JSON.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(HazardProcessDriver.class)
class EngineRestRefusalTest {

    @LocalServerPort
    int port;

    @Autowired
    HazardProcessDriver driver;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void completeWithAnIncompleteAssignmentIsABadRequestWithTheChineseMessage() throws Exception {
        String number = driver.report("REST：交办缺少时限");
        String taskId = driver.task(number).getId();
        assertThat(post(http, null, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", SUPERVISOR)).statusCode())
                .isEqualTo(204);
        Hazard before = driver.hazard(number);
        Map<String, Object> values = assignment("GENERAL", daysAhead(10));
        values.remove("deadline");

        HttpResponse<String> response = post(http, null, "/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", asVariables(values)));

        assertRefusal(response, "五落实不完整或无效，不能交办：整改时限未填写（deadline）", "deadline");
        assertThat(driver.task(number).getId()).isEqualTo(taskId);
        assertThat(driver.hazard(number)).isEqualTo(before);
    }

    @Test
    void submitFormWithADeadlineInThePastIsABadRequest() throws Exception {
        String number = driver.report("REST：交办时限已过");
        String taskId = driver.task(number).getId();
        post(http, null, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", SUPERVISOR));
        Map<String, Object> values = assignment("GENERAL", daysAhead(-1));

        HttpResponse<String> response = post(http, null, "/engine-rest/task/" + taskId + "/submit-form",
                Map.of("variables", asVariables(values)));

        assertRefusal(response, "五落实不完整或无效，不能交办：整改时限必须晚于当前时间（deadline）", "deadline");
    }

    @Test
    void anAcceptedStepAndOtherErrorsKeepCamundasBehaviour() throws Exception {
        String number = driver.report("REST：交办成功");
        String taskId = driver.task(number).getId();
        post(http, null, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", SUPERVISOR));

        HttpResponse<String> accepted = post(http, null, "/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", asVariables(assignment("GENERAL", daysAhead(10)))));
        assertThat(accepted.statusCode()).isEqualTo(204);
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.RECTIFYING);

        HttpResponse<String> missing = post(http, null, "/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", Map.of()));
        JsonNode body = json.readTree(missing.body());
        // Camunda's own answer for an unknown task, untouched: 500 RestException
        assertThat(missing.statusCode()).isEqualTo(500);
        assertThat(body.get("type").asText()).isEqualTo("RestException");
        assertThat(body.get("message").asText()).contains("Cannot find task with id " + taskId);
    }

    /**
     * As Tasklist does it: log in through the web app, pick up the CSRF token, submit the form to
     * {@code /camunda/api/engine}. The logged-in user is the actor, without claiming the task.
     */
    @Test
    void tasklistSubmittingARefusedStepShowsTheChineseMessage() throws Exception {
        String number = driver.report("Tasklist：责任人不属于责任单位");
        String taskId = driver.task(number).getId();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String token = xsrfToken(get(browser, "/camunda/api/engine/engine/"));
        HttpResponse<String> login = browser.send(request("/camunda/api/admin/auth/user/default/login/tasklist", token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + SUPERVISOR + "&password=demo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        // The login starts a new session; its first read hands out the session's CSRF token, as in the browser.
        token = xsrfToken(get(browser, "/camunda/api/engine/engine/default/task/" + taskId));
        Map<String, Object> values = assignment("GENERAL", daysAhead(10));
        values.put("responsiblePerson", "building-officer");

        HttpResponse<String> response = post(browser, token,
                "/camunda/api/engine/engine/default/task/" + taskId + "/submit-form", Map.of("variables", asVariables(values)));

        assertRefusal(response, "五落实不完整或无效，不能交办：责任人 building-officer 不是长安镇消防工作站的成员（responsiblePerson）",
                "responsiblePerson");
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.REPORTED);

        values.put("responsiblePerson", "fire-officer");
        HttpResponse<String> accepted = post(browser, token,
                "/camunda/api/engine/engine/default/task/" + taskId + "/submit-form", Map.of("variables", asVariables(values)));
        assertThat(accepted.statusCode()).isEqualTo(204);
        assertThat(driver.hazard(number).assignedBy()).isEqualTo(SUPERVISOR);
    }

    private void assertRefusal(HttpResponse<String> response, String message, String field) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo("HazardRuleViolation");
        assertThat(body.get("message").asText()).isEqualTo(message);
        assertThat(body.get("violations").get(0).get("field").asText()).isEqualTo(field);
    }

    /** Variables as Tasklist's Camunda Forms submit them: a value, no type. */
    private static Map<String, Object> asVariables(Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return variables;
    }

    private static String xsrfToken(HttpResponse<String> response) {
        return response.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    }

    /** The engine REST API as the supervisor who works these steps (HTTP Basic); the web apps by their session. */
    private HttpRequest.Builder request(String path, String xsrfToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (path.startsWith("/engine-rest/")) {
            builder.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((SUPERVISOR + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return xsrfToken == null ? builder : builder.header("X-XSRF-TOKEN", xsrfToken);
    }

    private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(request(path, null).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpClient client, String xsrfToken, String path, Object body)
            throws IOException, InterruptedException {
        return client.send(request(path, xsrfToken).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
