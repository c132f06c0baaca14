package org.hazardloop.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.hazardloop.hazard.HazardStatus;
import org.junit.jupiter.api.Test;

class StatisticsApiTest extends LedgerFixtureApiTest {

    @Test
    void theFiguresOfASubtreeAreExact() {
        JsonNode summary = summary(grid.village);

        assertThat(summary.path("gridUnit").asText()).isEqualTo(grid.village);
        assertThat(summary.path("total").asLong()).isEqualTo(5);
        assertThat(summary.path("byStatus").properties()).hasSize(HazardStatus.values().length);
        assertThat(summary.path("byStatus").path("REPORTED").asLong()).isEqualTo(1);
        assertThat(summary.path("byStatus").path("RECTIFYING").asLong()).isEqualTo(2);
        assertThat(summary.path("byStatus").path("EXTENSION_REQUESTED").asLong()).isZero();
        assertThat(summary.path("byStatus").path("VERIFYING").asLong()).isEqualTo(1);
        assertThat(summary.path("byStatus").path("AWAITING_CLOSEOUT").asLong()).isZero();
        assertThat(summary.path("byStatus").path("CLOSED").asLong()).isEqualTo(1);
        assertThat(summary.path("closed").asLong()).isEqualTo(1);
        assertThat(summary.path("open").asLong()).isEqualTo(4);
        assertThat(summary.path("overdue").asLong()).isEqualTo(1);
        assertThat(summary.path("major").asLong()).isEqualTo(1);
        assertThat(summary.path("completionRate").decimalValue()).isEqualByComparingTo("20.0");
        assertThat(summary.path("completionRate").toString()).isEqualTo("20.0");
    }

    @Test
    void aSmallerSubtreeCountsOnlyItsOwn() {
        JsonNode enterprise = summary(grid.enterprise2);

        assertThat(enterprise.path("total").asLong()).isEqualTo(2);
        assertThat(enterprise.path("byStatus").path("VERIFYING").asLong()).isEqualTo(1);
        assertThat(enterprise.path("byStatus").path("CLOSED").asLong()).isEqualTo(1);
        assertThat(enterprise.path("overdue").asLong()).as("verifying is not overdue").isZero();
        assertThat(enterprise.path("major").asLong()).isZero();
        assertThat(enterprise.path("completionRate").decimalValue()).isEqualByComparingTo("50.0");

        JsonNode other = summary(grid.enterprise1);
        assertThat(other.path("total").asLong()).isEqualTo(2);
        assertThat(other.path("overdue").asLong()).isEqualTo(1);
        assertThat(other.path("major").asLong()).isEqualTo(1);
        assertThat(other.path("completionRate").decimalValue()).isEqualByComparingTo("0.0");
    }

    @Test
    void aUnitWithoutHazardsHasNoCompletionRate() {
        JsonNode empty = summary(grid.emptyUnit);

        assertThat(empty.path("total").asLong()).isZero();
        assertThat(empty.path("byStatus").properties()).hasSize(HazardStatus.values().length)
                .allSatisfy(entry -> assertThat(entry.getValue().asLong()).isZero());
        assertThat(empty.has("completionRate")).as("present, as null").isTrue();
        assertThat(empty.path("completionRate").isNull()).isTrue();
    }

    @Test
    void theWholeLedgerIncludesTheSubtreeAndAddsUp() {
        JsonNode all = summary(null);
        JsonNode town = summary("T01");

        long sum = 0;
        for (HazardStatus status : HazardStatus.values()) {
            sum += all.path("byStatus").path(status.name()).asLong();
        }
        assertThat(all.path("total").asLong()).isEqualTo(sum);
        assertThat(all.has("gridUnit")).isFalse();
        assertThat(all.path("open").asLong() + all.path("closed").asLong()).isEqualTo(sum);
        assertThat(all.path("total").asLong()).isGreaterThanOrEqualTo(town.path("total").asLong());
        assertThat(town.path("total").asLong()).isGreaterThanOrEqualTo(8);
        assertThat(town.path("overdue").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anUnknownGridUnitIsA400Problem() {
        HttpResult refused = get("/api/statistics/summary", Map.of("gridUnit", "NO-SUCH-UNIT"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.errorFields()).containsExactly("gridUnit");
    }

    private JsonNode summary(String gridUnit) {
        HttpResult result = gridUnit == null ? get("/api/statistics/summary")
                : get("/api/statistics/summary", Map.of("gridUnit", gridUnit));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json();
    }
}
