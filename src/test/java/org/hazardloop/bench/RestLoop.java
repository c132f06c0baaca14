package org.hazardloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The closed loop as an HTTP client drives it: {@code POST /api/hazards}, then for each task the engine REST API
 * as Tasklist calls it — find the task, claim it, complete it with typed variables. Every request carries HTTP
 * Basic credentials of the acting demo user.
 */
final class RestLoop {

    /** The engine REST API's format for typed Date variables. */
    private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    static final String PASSWORD = "demo";
    /** Write transactions per loop: the report, and a claim and a completion per task. */
    static final int COMMITS_PER_LOOP = 7;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json;
    private final String baseUrl;

    RestLoop(ObjectMapper json, String baseUrl) {
        this.json = json;
        this.baseUrl = baseUrl;
    }

    LoadRun.Operation operation(String prefix) {
        return sequence -> {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("title", "消防通道堆放杂物");
            report.put("description", "3 号仓库东侧消防通道被纸箱堵塞，宽度不足 1 米");
            report.put("sector", "FIRE");
            report.put("location", "长安镇新华社区工业路 18 号");
            report.put("gridUnit", ClosedLoops.GRID_UNIT);
            report.put("reportId", prefix + "-" + sequence);
            report.put("reporter", ClosedLoops.REPORTER);
            JsonNode created = send("POST", "/api/hazards", ClosedLoops.REPORTER, report, 201);
            String instance = created.path("processInstanceId").asText();
            completeAs(instance, ClosedLoops.SUPERVISOR, assignment());
            completeAs(instance, ClosedLoops.FIRE_OFFICER, Map.of("rectificationOutcome", text("SUBMIT"),
                    "rectificationReport", text("已清理通道并设置警示标识"),
                    "actualCost", Map.of("value", 800.0, "type", "Double")));
            completeAs(instance, ClosedLoops.SUPERVISOR, Map.of("verificationPassed",
                    Map.of("value", true, "type", "Boolean")));
        };
    }

    private void completeAs(String instance, String user, Map<String, Object> variables) throws IOException, InterruptedException {
        JsonNode tasks = send("GET", "/engine-rest/task?processInstanceId=" + instance, user, null, 200);
        if (tasks.size() != 1) {
            throw new IllegalStateException("expected one open task in " + instance + ", found " + tasks.size());
        }
        String task = tasks.get(0).path("id").asText();
        send("POST", "/engine-rest/task/" + task + "/claim", user, Map.of("userId", user), 204);
        send("POST", "/engine-rest/task/" + task + "/complete", user, Map.of("variables", variables), 204);
    }

    private JsonNode send(String method, String path, String user, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return response.body() == null || response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    }

    private static Map<String, Object> assignment() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("grade", text("GENERAL"));
        values.put("riskLevel", text("YELLOW"));
        values.put("measures", text("清理堆放物，设置警示标识，每日巡查"));
        values.put("responsibleDepartment", text(ClosedLoops.FIRE_DEPARTMENT));
        values.put("responsiblePerson", text(ClosedLoops.FIRE_OFFICER));
        values.put("funds", Map.of("value", 1000.0, "type", "Double"));
        values.put("deadline", Map.of("value", OffsetDateTime.now(ClosedLoops.BEIJING).plusDays(7)
                .truncatedTo(ChronoUnit.MILLIS).format(ENGINE_DATE), "type", "Date"));
        values.put("contingencyPlan", text("通道堵塞期间安排专人值守，配备灭火器"));
        return values;
    }

    private static Map<String, Object> text(String value) {
        return Map.of("value", value, "type", "String");
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
