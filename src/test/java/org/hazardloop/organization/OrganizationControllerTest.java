package org.hazardloop.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class OrganizationControllerTest extends TestGridTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    @Test
    void unitsAreReturnedAsATreeWithLevelsAndDepartments() throws Exception {
        JsonNode roots = get("/api/organization/units", HttpStatus.OK);

        JsonNode city = child(roots, "C01");
        assertThat(city.get("level").asText()).isEqualTo("CITY");
        assertThat(city.get("levelLabel").asText()).isEqualTo("市");
        assertThat(codes(city.get("departments"))).containsExactly("C01-SAFETY");
        JsonNode district = child(city.get("children"), "D01");
        // other tests add their own units and departments under the demo grid: the demo ones must be there
        assertThat(codes(district.get("children"))).contains("T01", "T02");
        JsonNode town = child(district.get("children"), "T01");
        assertThat(town.get("name").asText()).isEqualTo("长安镇");
        assertThat(town.get("levelLabel").asText()).isEqualTo("乡镇街道");
        assertThat(town.get("parentCode").asText()).isEqualTo("D01");
        assertThat(codes(town.get("departments")))
                .contains("T01-BUILDING", "T01-FIRE", "T01-GRID", "T01-SAFETY");
        JsonNode office = child(town.get("departments"), "T01-SAFETY");
        assertThat(office.get("kind").asText()).isEqualTo("SAFETY_OFFICE");
        assertThat(office.get("kindLabel").asText()).isEqualTo("安委办");
        JsonNode village = child(town.get("children"), "V01");
        assertThat(village.get("level").asText()).isEqualTo("VILLAGE");
        JsonNode enterprise = child(village.get("children"), "E01");
        assertThat(enterprise.get("levelLabel").asText()).isEqualTo("企业");
        assertThat(enterprise.get("children")).isEmpty();
    }

    @Test
    void aRootGivesThatUnitsSubtreeOnly() throws Exception {
        writer.addUnit(grid.code("A_1"), "甲市", OrgLevel.CITY, null);
        writer.addUnit(grid.code("A_1-T"), "甲镇", OrgLevel.TOWN, grid.code("A_1"));
        writer.addDepartment(grid.code("A_1-T-SAFETY"), "甲镇安委办", grid.code("A_1-T"), DepartmentKind.SAFETY_OFFICE);
        writer.addUnit(grid.code("AX1"), "乙市", OrgLevel.CITY, null);
        writer.addUnit(grid.code("AX1-T"), "乙镇", OrgLevel.TOWN, grid.code("AX1"));

        JsonNode roots = get("/api/organization/units?root=" + grid.code("A_1"), HttpStatus.OK);

        assertThat(codes(roots)).containsExactly(grid.code("A_1"));
        JsonNode town = child(roots.get(0).get("children"), grid.code("A_1-T"));
        assertThat(codes(roots.get(0).get("children"))).containsExactly(grid.code("A_1-T"));
        assertThat(codes(town.get("departments"))).containsExactly(grid.code("A_1-T-SAFETY"));

        JsonNode t01 = get("/api/organization/units?root=T01", HttpStatus.OK);
        assertThat(codes(t01)).containsExactly("T01");
        assertThat(codes(t01.get(0).get("children"))).contains("V01").doesNotContain("T02", "V02");
    }

    @Test
    void departmentsOfAUnitCanBeFilteredByKind() throws Exception {
        assertThat(codes(get("/api/organization/departments?unit=T01", HttpStatus.OK)))
                .contains("T01-BUILDING", "T01-FIRE", "T01-GRID", "T01-SAFETY")
                .doesNotContain("T02-FIRE", "D01-SAFETY");
        JsonNode offices = get("/api/organization/departments?unit=T01&kind=SAFETY_OFFICE", HttpStatus.OK);
        assertThat(codes(offices)).containsExactly("T01-SAFETY");
        assertThat(offices.get(0).get("name").asText()).isEqualTo("长安镇安委办");
        assertThat(offices.get(0).get("unitCode").asText()).isEqualTo("T01");
        // a village has no departments of its own
        assertThat(get("/api/organization/departments?unit=V01", HttpStatus.OK)).isEmpty();
        assertThat(codes(get("/api/organization/departments?kind=safety_office", HttpStatus.OK)))
                .contains("C01-SAFETY", "D01-SAFETY", "T01-SAFETY", "T02-SAFETY")
                .doesNotContain("T01-FIRE");
    }

    @Test
    void anUnknownUnitIsA404Problem() throws Exception {
        String unknown = grid.code("NOWHERE");
        JsonNode problem = problem("/api/organization/departments?unit=" + unknown, HttpStatus.NOT_FOUND);
        assertThat(problem.get("title").asText()).isEqualTo("网格单位不存在");
        assertThat(problem.get("detail").asText()).contains(unknown);
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("instance").asText()).isEqualTo("/api/organization/departments");

        assertThat(problem("/api/organization/units?root=" + unknown, HttpStatus.NOT_FOUND).get("detail").asText())
                .contains(unknown);
    }

    @Test
    void anInvalidParameterIsA400Problem() throws Exception {
        JsonNode badKind = problem("/api/organization/departments?kind=BOSS", HttpStatus.BAD_REQUEST);
        assertThat(badKind.get("title").asText()).isEqualTo("查询参数无效");
        assertThat(badKind.get("parameter").asText()).isEqualTo("kind");
        assertThat(badKind.get("detail").asText()).contains("BOSS", "SAFETY_OFFICE");

        assertThat(problem("/api/organization/departments?unit=", HttpStatus.BAD_REQUEST).get("parameter").asText())
                .isEqualTo("unit");
        assertThat(problem("/api/organization/units?root=+", HttpStatus.BAD_REQUEST).get("parameter").asText())
                .isEqualTo("root");
    }

    private JsonNode get(String uri, HttpStatus expected) throws Exception {
        ResponseEntity<String> response = http.withBasicAuth("inspector", "demo").getForEntity(uri, String.class);
        assertThat(response.getStatusCode()).as(uri).isEqualTo(expected);
        return json.readTree(response.getBody());
    }

    private JsonNode problem(String uri, HttpStatus expected) throws Exception {
        ResponseEntity<String> response = http.withBasicAuth("inspector", "demo").getForEntity(uri, String.class);
        assertThat(response.getStatusCode()).as(uri).isEqualTo(expected);
        assertThat(response.getHeaders().getContentType()).as(uri)
                .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
        return json.readTree(response.getBody());
    }

    private static JsonNode child(JsonNode nodes, String code) {
        return StreamSupport.stream(nodes.spliterator(), false)
                .filter(node -> node.get("code").asText().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + codes(nodes)));
    }

    private static List<String> codes(JsonNode nodes) {
        List<String> codes = new ArrayList<>();
        nodes.forEach(node -> codes.add(node.get("code").asText()));
        return codes;
    }
}
