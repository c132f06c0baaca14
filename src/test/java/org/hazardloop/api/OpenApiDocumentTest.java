package org.hazardloop.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest extends ApiIntegrationTest {

    @Test
    void theDocumentListsTheApplicationEndpointsOnly() {
        HttpResult document = get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        JsonNode paths = document.json().path("paths");
        assertThat(paths.path("/api/hazards").path("post").path("operationId").asText()).isEqualTo("reportHazard");
        assertThat(paths.path("/api/hazards").path("get").path("operationId").asText()).isEqualTo("listHazards");
        assertThat(paths.path("/api/hazards/{number}").path("get").path("operationId").asText()).isEqualTo("getHazard");
        assertThat(paths.path("/api/statistics/summary").path("get").path("operationId").asText())
                .isEqualTo("getStatisticsSummary");
        paths.fieldNames().forEachRemaining(path -> assertThat(path).startsWith("/api/"));
    }

    @Test
    void theCompletionRateIsDefined() {
        JsonNode document = get("/v3/api-docs").json();

        assertThat(document.path("paths").path("/api/statistics/summary").path("get").path("description").asText())
                .contains("整改完成率").contains("已销号").contains("÷");
        assertThat(document.path("components").path("schemas").path("StatisticsSummary").path("properties")
                .path("completionRate").path("description").asText()).contains("÷");
    }

    @Test
    void errorsAreDocumentedAsProblemDetails() {
        JsonNode document = get("/v3/api-docs").json();

        JsonNode badRequest = document.path("paths").path("/api/hazards").path("post").path("responses").path("400");
        assertThat(badRequest.path("content").has("application/problem+json")).isTrue();
        assertThat(document.path("components").path("schemas").path("Problem").path("properties").has("errors")).isTrue();
    }

    @Test
    void theSwaggerUiIsServed() {
        HttpResult ui = get("/swagger-ui/index.html");

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("Swagger UI");
        assertThat(get("/swagger-ui.html").status()).isIn(200, 302);
    }
}
