package org.hazardloop.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application on a random port against the real PostgreSQL of the {@code test} profile, driven
 * over HTTP as a client would, logged in (HTTP Basic) as the demo grid inspector unless a test says otherwise.
 * The database is shared: each test makes its own data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class ApiIntegrationTest {

    /** The demo users' password (DemoOrganizationSeeder). */
    protected static final String DEMO_PASSWORD = "demo";

    private final HttpClient http = HttpClient.newHttpClient();

    /** Who the requests are sent as (HTTP Basic); null sends them anonymously. Reporting needs a grid inspector. */
    private String user = "inspector";
    private String password = DEMO_PASSWORD;

    @LocalServerPort
    private int port;

    @Autowired
    protected ObjectMapper json;

    /** A code no other test run uses, for grid units, departments, users and report ids. */
    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    protected HttpResult get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** GET with query parameters, each value form-encoded (an offset's '+' must not become a space). */
    protected HttpResult get(String path, Map<String, ?> query) {
        String encoded = query.entrySet().stream()
                .flatMap(entry -> (entry.getValue() instanceof Iterable<?> values
                        ? java.util.stream.StreamSupport.stream(values.spliterator(), false)
                        : java.util.stream.Stream.of(entry.getValue()))
                        .map(value -> entry.getKey() + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        return get(encoded.isEmpty() ? path : path + "?" + encoded);
    }

    protected HttpResult postJson(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    protected HttpResult postJson(String path, Object body) {
        try {
            return postJson(path, json.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the following requests as this demo user. */
    protected void actAs(String demoUser) {
        actAs(demoUser, DEMO_PASSWORD);
    }

    protected void actAs(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** Sends the following requests without credentials. */
    protected void actAnonymously() {
        this.user = null;
    }

    /** Runs {@code requests} as {@code demoUser}, then goes back to the user before. */
    protected <T> T as(String demoUser, java.util.function.Supplier<T> requests) {
        String userBefore = user;
        String passwordBefore = password;
        actAs(demoUser);
        try {
            return requests.get();
        } finally {
            actAs(userBefore, passwordBefore);
        }
    }

    protected HttpResult send(HttpRequest.Builder request) {
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), response.headers(), response.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A complete, valid report in {@code gridUnit}, with a report id and location no other test uses. */
    protected static Map<String, Object> validReport(String gridUnit) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("title", "仓库消防通道堆放杂物");
        report.put("description", "3 号仓库东侧消防通道被纸箱堵塞，宽度不足 1 米");
        report.put("sector", "FIRE");
        report.put("location", "工业路 18 号 3 号仓库 " + unique("L"));
        report.put("gridUnit", gridUnit);
        report.put("reportId", unique("R-"));
        return report;
    }
}
