package org.hazardloop.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.hazardloop.process.ProcessVariables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class HazardReportingApiTest extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;

    @Test
    void aReportIsStoredInTheLedgerWithItsTimelineAndStartsItsProcess() {
        Map<String, Object> report = validReport("V01");
        report.put("discoveredAt", "2025-06-01T09:30:00+08:00");

        HttpResult created = postJson("/api/hazards", report);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.json();
        String number = body.path("number").asText();
        assertThat(number).matches("YH-\\d{4}-\\d{6,}");
        assertThat(body.path("status").asText()).isEqualTo("REPORTED");
        assertThat(body.path("statusName").asText()).isEqualTo("待交办");
        assertThat(created.header("Location")).endsWith("/api/hazards/" + number);

        Map<String, Object> row = jdbc.sql("SELECT * FROM hl_hazard WHERE number = :n").param("n", number).query().singleRow();
        assertThat(row).containsEntry("title", report.get("title"))
                .containsEntry("grid_unit", "V01")
                .containsEntry("safety_office", "T01-SAFETY")
                .containsEntry("reporter", "inspector")
                .containsEntry("report_id", report.get("reportId"))
                .containsEntry("status", "REPORTED")
                .containsEntry("process_instance_id", body.path("processInstanceId").asText());
        assertThat(jdbc.sql("SELECT action FROM hl_hazard_timeline WHERE hazard_number = :n")
                .param("n", number).query(String.class).list()).containsExactly("REPORTED");
        var instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
        assertThat(instance.getId()).isEqualTo(body.path("processInstanceId").asText());
        assertThat(runtimeService.getVariable(instance.getId(), ProcessVariables.HAZARD_NUMBER)).isEqualTo(number);

        HttpResult read = get(created.header("Location").replaceFirst("^https?://[^/]+", ""));
        assertThat(read.status()).isEqualTo(200);
        JsonNode hazard = read.json();
        assertThat(hazard.path("number").asText()).isEqualTo(number);
        assertThat(hazard.path("sector").asText()).isEqualTo("FIRE");
        assertThat(hazard.path("sectorName").asText()).isEqualTo("消防");
        assertThat(hazard.path("location").asText()).isEqualTo(report.get("location"));
        assertThat(OffsetDateTime.parse(hazard.path("discoveredAt").asText()).toInstant())
                .isEqualTo(OffsetDateTime.parse("2025-06-01T09:30:00+08:00").toInstant());
        assertThat(hazard.path("overdue").asBoolean()).isFalse();
        assertThat(hazard.path("reworkCount").asInt()).isZero();
        assertThat(hazard.has("fiveImplementations")).isFalse();
        assertThat(hazard.path("timeline")).hasSize(1);
        JsonNode entry = hazard.path("timeline").get(0);
        assertThat(entry.path("action").asText()).isEqualTo("REPORTED");
        assertThat(entry.path("actionName").asText()).isEqualTo("上报隐患");
        assertThat(entry.path("actor").asText()).isEqualTo("inspector");
        assertThat(entry.path("details").path("gridUnit").asText()).isEqualTo("V01");
    }

    @Test
    void theReporterIsTheLoggedInUserAndTheDiscoveryTimeDefaultsToNow() {
        actAs("inspector2");
        Map<String, Object> report = validReport("T02");
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);

        HttpResult created = postJson("/api/hazards", report);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode hazard = get("/api/hazards/" + created.json().path("number").asText()).json();
        assertThat(hazard.path("reporter").asText()).isEqualTo("inspector2");
        assertThat(hazard.path("safetyOffice").asText()).isEqualTo("T02-SAFETY");
        assertThat(OffsetDateTime.parse(hazard.path("discoveredAt").asText())).isAfter(before);
    }

    @Test
    void theSameReportIdAgainReturnsTheHazardItStarted() {
        Map<String, Object> report = validReport("V01");

        HttpResult first = postJson("/api/hazards", report);
        report.put("title", "同一上报的重发，标题略有不同");
        HttpResult again = postJson("/api/hazards", report);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        String number = first.json().path("number").asText();
        assertThat(again.json().path("number").asText()).isEqualTo(number);
        assertThat(again.json().path("processInstanceId").asText()).isEqualTo(first.json().path("processInstanceId").asText());
        assertThat(hazardsWithReportId(report.get("reportId"))).isEqualTo(1);
        assertThat(get("/api/hazards/" + number).json().path("title").asText()).isEqualTo("仓库消防通道堆放杂物");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(number).count())
                .isEqualTo(1);
    }

    @Test
    void concurrentReportsWithTheSameReportIdRegisterOneHazard() throws Exception {
        Map<String, Object> report = validReport("V01");
        String body = json.writeValueAsString(report);
        int clients = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<CompletableFuture<HttpResult>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return postJson("/api/hazards", body);
                }, pool));
            }
            start.countDown();
            List<HttpResult> responses = results.stream().map(CompletableFuture::join).toList();

            assertThat(responses).extracting(HttpResult::status).as(responses.toString())
                    .containsOnly(200, 201).filteredOn(status -> status == 201).hasSize(1);
            assertThat(responses).extracting(r -> r.json().path("number").asText()).containsOnly(
                    responses.get(0).json().path("number").asText());
            assertThat(hazardsWithReportId(report.get("reportId"))).isEqualTo(1);
            String number = responses.get(0).json().path("number").asText();
            assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(number).count())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One bad report: what is done to a valid body (or the raw body sent), and the fields the 400 must name. */
    record BadReport(String name, Function<String, String> rawBody, Consumer<Map<String, Object>> change,
                     List<String> fields) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badReports() {
        return Stream.of(
                change("missing title", r -> r.remove("title"), "title"),
                change("blank description", r -> r.put("description", "   "), "description"),
                change("unknown sector", r -> r.put("sector", "VOLCANO"), "sector"),
                change("unknown grid unit", r -> r.put("gridUnit", "NO-SUCH-UNIT"), "gridUnit"),
                change("several fields missing", r -> {
                    r.remove("sector");
                    r.put("gridUnit", "");
                    r.put("title", null);
                }, "sector", "gridUnit", "title"),
                change("title too long", r -> r.put("title", "长".repeat(201)), "title"),
                change("discovered in the future", r -> r.put("discoveredAt",
                        OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(1).toString()), "discoveredAt"),
                change("impossible date", r -> r.put("discoveredAt", "2025-13-45T09:30:00+08:00"), "discoveredAt"),
                change("date without offset", r -> r.put("discoveredAt", "2025-06-01T09:30:00"), "discoveredAt"),
                change("date that is no date", r -> r.put("discoveredAt", "yesterday"), "discoveredAt"),
                change("title is an array", r -> r.put("title", List.of("a", "b")), "title"),
                change("grid unit is an object", r -> r.put("gridUnit", Map.of("code", "V01")), "gridUnit"),
                change("someone else as reporter", r -> r.put("reporter", "building-officer"), "reporter"),
                change("report id too long", r -> r.put("reportId", "r".repeat(101)), "reportId"),
                raw("malformed JSON", marker -> "{\"title\": \"消防通道堵塞\", \"location\": \"" + marker + "\",", "body"),
                raw("JSON array instead of an object", marker -> "[{\"location\": \"" + marker + "\"}]", "body"),
                raw("empty body", marker -> "", "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReports")
    void badInputIsRefusedWithAProblemNamingEachFieldAndLeavesNoTrace(BadReport bad) throws Exception {
        String marker = unique("BAD-");
        Map<String, Object> report = validReport("V01");
        report.put("location", marker);
        report.put("description", "描述 " + marker);
        report.put("reportId", marker);
        String body;
        if (bad.rawBody() != null) {
            body = bad.rawBody().apply(marker);
        } else {
            bad.change().accept(report);
            body = json.writeValueAsString(report);
        }

        HttpResult refused = postJson("/api/hazards", body);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("title").asText()).isEqualTo("输入无效");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/hazards");
        assertThat(refused.errorFields()).containsExactlyInAnyOrderElementsOf(bad.fields());
        problem.path("errors").forEach(error -> assertThat(error.path("message").asText())
                .as("a Chinese message").containsPattern("\\p{IsHan}"));
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at org.");

        assertNoTrace(marker);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAsUnsupported() {
        HttpResult refused = send(HttpRequest.newBuilder(uri("/api/hazards"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("title=仓库")));

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("title").asText()).isEqualTo("不支持的请求内容类型");
    }

    @Test
    void anUnknownHazardIsA404Problem() {
        HttpResult missing = get("/api/hazards/YH-1900-000000");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().path("title").asText()).isEqualTo("隐患不存在");
        assertThat(missing.json().path("detail").asText()).contains("YH-1900-000000");
        assertThat(missing.json().path("instance").asText()).isEqualTo("/api/hazards/YH-1900-000000");
    }

    private void assertNoTrace(String marker) {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE report_id = :m OR location = :m OR description LIKE :like")
                .param("m", marker).param("like", "%" + marker + "%").query(Long.class).single())
                .as("ledger rows").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hl_hazard_timeline WHERE details LIKE :like")
                .param("like", "%" + marker + "%").query(Long.class).single())
                .as("timeline rows").isZero();
        assertThat(historyService.createHistoricVariableInstanceQuery()
                .variableValueEquals(ProcessVariables.LOCATION, marker).count()
                + historyService.createHistoricVariableInstanceQuery()
                .variableValueEquals(ProcessVariables.HAZARD_DESCRIPTION, "描述 " + marker).count())
                .as("process variables of an instance started by the report").isZero();
    }

    private long hazardsWithReportId(Object reportId) {
        return jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE report_id = :r").param("r", reportId)
                .query(Long.class).single();
    }

    private static Arguments change(String name, Consumer<Map<String, Object>> change, String... fields) {
        return Arguments.of(new BadReport(name, null, change, List.of(fields)));
    }

    private static Arguments raw(String name, Function<String, String> body, String... fields) {
        return Arguments.of(new BadReport(name, body, null, List.of(fields)));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
