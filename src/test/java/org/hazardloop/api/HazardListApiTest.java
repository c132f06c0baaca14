package org.hazardloop.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HazardListApiTest extends LedgerFixtureApiTest {

    private static final ZoneId OFFICES = ZoneId.of("Asia/Shanghai");

    @Test
    void aGridUnitFilterTakesItsWholeSubtreeNewestFirst() {
        JsonNode page = list(Map.of("gridUnit", grid.village));

        assertThat(numbers(page)).containsExactlyElementsOf(reversed(grid.villageSubtree()));
        assertThat(page.path("totalItems").asLong()).isEqualTo(5);
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(20);
        assertThat(page.path("totalPages").asInt()).isEqualTo(1);

        assertThat(numbers(list(Map.of("gridUnit", grid.enterprise1)))).containsExactly(grid.overdue, grid.rectifying);
        assertThat(numbers(list(Map.of("gridUnit", grid.emptyUnit)))).isEmpty();
        assertThat(numbers(list(Map.of("gridUnit", "T01", "size", 200))))
                .contains(grid.reported, grid.closed, grid.outside, grid.underscore);
    }

    @Test
    void aUnitCodeWithAnUnderscoreIsNotAWildcard() {
        assertThat(numbers(list(Map.of("gridUnit", grid.underscoreUnit)))).containsExactly(grid.underscore);
        assertThat(numbers(list(Map.of("gridUnit", grid.lookalikeUnit)))).containsExactly(grid.lookalike);
    }

    @Test
    void listItemsCarryWhatASupervisorScansFor() {
        JsonNode item = list(Map.of("gridUnit", grid.enterprise1, "grade", "MAJOR")).path("items").get(0);

        assertThat(item.path("number").asText()).isEqualTo(grid.overdue);
        assertThat(item.path("status").asText()).isEqualTo("RECTIFYING");
        assertThat(item.path("statusName").asText()).isEqualTo("整改中");
        assertThat(item.path("responsibleDepartment").asText()).isEqualTo(grid.otherDepartment);
        assertThat(item.path("responsiblePerson").asText()).isEqualTo(grid.person);
        assertThat(item.path("overdue").asBoolean()).isTrue();
        assertThat(item.path("gridUnit").asText()).isEqualTo(grid.enterprise1);
        assertThat(item.has("deadline")).isTrue();
    }

    @Test
    void filtersCombine() {
        String v = grid.village;
        assertThat(numbers(list(Map.of("gridUnit", v, "status", "RECTIFYING"))))
                .containsExactly(grid.overdue, grid.rectifying);
        assertThat(numbers(list(Map.of("gridUnit", v, "status", List.of("RECTIFYING", "CLOSED")))))
                .containsExactly(grid.closed, grid.overdue, grid.rectifying);
        assertThat(numbers(list(Map.of("gridUnit", v, "status", "REPORTED,VERIFYING"))))
                .containsExactly(grid.verifying, grid.reported);
        assertThat(numbers(list(Map.of("gridUnit", v, "grade", "MAJOR")))).containsExactly(grid.overdue);
        assertThat(numbers(list(Map.of("gridUnit", v, "grade", "GENERAL"))))
                .containsExactly(grid.closed, grid.verifying, grid.rectifying);
        assertThat(numbers(list(Map.of("gridUnit", v, "sector", "FIRE"))))
                .containsExactly(grid.closed, grid.overdue, grid.reported);
        assertThat(numbers(list(Map.of("gridUnit", v, "sector", "FIRE", "status", "RECTIFYING"))))
                .containsExactly(grid.overdue);
        assertThat(numbers(list(Map.of("responsibleDepartment", grid.otherDepartment)))).containsExactly(grid.overdue);
        assertThat(numbers(list(Map.of("responsibleDepartment", grid.department))))
                .containsExactly(grid.closed, grid.verifying, grid.rectifying);
    }

    @Test
    void overdueMeansThePassedDeadlineOfAHazardStillBeingRectified() {
        assertThat(numbers(list(Map.of("gridUnit", grid.village, "overdue", true)))).containsExactly(grid.overdue);
        assertThat(numbers(list(Map.of("gridUnit", grid.village, "overdue", false))))
                .containsExactly(grid.closed, grid.verifying, grid.rectifying, grid.reported);
        JsonNode detail = get("/api/hazards/" + grid.overdue).json();
        assertThat(detail.path("overdue").asBoolean()).isTrue();
        assertThat(get("/api/hazards/" + grid.verifying).json().path("overdue").asBoolean()).isFalse();
    }

    @Test
    void theReportingPeriodIsFromInclusiveToExclusiveOrWholeDays() {
        OffsetDateTime rectifyingAt = reportedAt(grid.rectifying);
        OffsetDateTime verifyingAt = reportedAt(grid.verifying);

        assertThat(numbers(list(Map.of("gridUnit", grid.village,
                "reportedFrom", rectifyingAt.toString(), "reportedTo", verifyingAt.toString()))))
                .containsExactly(grid.overdue, grid.rectifying);
        assertThat(numbers(list(Map.of("gridUnit", grid.village, "reportedFrom", verifyingAt.toString()))))
                .containsExactly(grid.closed, grid.verifying);

        LocalDate day = rectifyingAt.atZoneSameInstant(OFFICES).toLocalDate();
        assertThat(numbers(list(Map.of("gridUnit", grid.enterprise1,
                "reportedFrom", day.toString(), "reportedTo", day.toString()))))
                .containsExactly(grid.overdue, grid.rectifying);
        assertThat(numbers(list(Map.of("gridUnit", grid.enterprise1, "reportedTo", day.minusDays(1).toString()))))
                .isEmpty();
        assertThat(numbers(list(Map.of("gridUnit", grid.enterprise1, "reportedFrom", day.plusDays(1).toString()))))
                .isEmpty();
    }

    @Test
    void pagesFollowTheRequestedOrderWithoutOverlap() {
        Map<String, Object> query = new LinkedHashMap<>(Map.of("gridUnit", grid.village, "size", 2, "sort", "number,asc"));
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            query.put("page", page);
            JsonNode result = list(query);
            assertThat(result.path("totalItems").asLong()).isEqualTo(5);
            assertThat(result.path("totalPages").asInt()).isEqualTo(3);
            assertThat(result.path("page").asInt()).isEqualTo(page);
            seen.addAll(numbers(result));
        }
        assertThat(seen).containsExactlyElementsOf(grid.villageSubtree());

        query.put("page", 3);
        JsonNode beyond = list(query);
        assertThat(numbers(beyond)).isEmpty();
        assertThat(beyond.path("totalItems").asLong()).isEqualTo(5);
    }

    @Test
    void sortingByDeadlinePutsUnassignedHazardsLast() {
        assertThat(numbers(list(Map.of("gridUnit", grid.village, "sort", "deadline,asc"))))
                .containsExactly(grid.overdue, grid.verifying, grid.rectifying, grid.closed, grid.reported);
        assertThat(numbers(list(Map.of("gridUnit", grid.village, "sort", "deadline,desc"))))
                .containsExactly(grid.closed, grid.rectifying, grid.verifying, grid.overdue, grid.reported);
        assertThat(numbers(list(Map.of("gridUnit", grid.village, "sort", "deadline"))))
                .containsExactly(grid.overdue, grid.verifying, grid.rectifying, grid.closed, grid.reported);
        assertThat(numbers(list(Map.of("gridUnit", grid.village, "sort", "reportedAt,asc"))))
                .containsExactlyElementsOf(grid.villageSubtree());
        assertThat(numbers(list(Map.of("gridUnit", grid.village, "sort", "number,desc"))))
                .containsExactlyElementsOf(reversed(grid.villageSubtree()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "status       | DONE",
            "grade        | SEVERE",
            "sector       | VOLCANO",
            "overdue      | maybe",
            "minEscalationLevel | -1",
            "minEscalationLevel | top",
            "page         | -1",
            "page         | first",
            "size         | 0",
            "size         | 201",
            "sort         | title",
            "sort         | number,up",
            "reportedFrom | yesterday",
            "reportedTo   | 2025-02-30",
            "gridUnit     | NO-SUCH-UNIT"})
    void aBadFilterIsA400ProblemNamingTheParameter(String parameter, String value) {
        HttpResult refused = get("/api/hazards", Map.of(parameter, value));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("title").asText()).isEqualTo("输入无效");
        assertThat(refused.errorFields()).containsExactly(parameter);
        assertThat(refused.json().path("errors").get(0).path("message").asText()).containsPattern("\\p{IsHan}");
    }

    @Test
    void anEmptyOrReversedPeriodIsRefused() {
        HttpResult refused = get("/api/hazards", Map.of("reportedFrom", "2025-06-02", "reportedTo", "2025-06-01"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("reportedTo");
    }

    private JsonNode list(Map<String, ?> query) {
        HttpResult result = get("/api/hazards", query);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json();
    }

    private OffsetDateTime reportedAt(String number) {
        return OffsetDateTime.parse(get("/api/hazards/" + number).json().path("reportedAt").asText());
    }

    private static List<String> numbers(JsonNode page) {
        List<String> numbers = new ArrayList<>();
        page.path("items").forEach(item -> numbers.add(item.path("number").asText()));
        return numbers;
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
