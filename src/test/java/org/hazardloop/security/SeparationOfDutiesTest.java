package org.hazardloop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hazardloop.process.HazardProcessDriver.TEST_PASSWORD;
import static org.hazardloop.process.HazardProcessDriver.assignment;
import static org.hazardloop.process.HazardProcessDriver.daysAhead;
import static org.hazardloop.process.HazardProcessDriver.decision;
import static org.hazardloop.process.HazardProcessDriver.extensionRequest;
import static org.hazardloop.process.HazardProcessDriver.submission;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardReport;
import org.hazardloop.hazard.HazardReporting;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.TimelineEntry;
import org.hazardloop.organization.DepartmentKind;
import org.hazardloop.organization.OrgLevel;
import org.hazardloop.organization.OrganizationWriter;
import org.hazardloop.process.HazardProcessDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The three separations of duties hold on every way a task can be completed: the engine's Java API (an embedded
 * caller, logged in), the engine REST API and Tasklist's engine API. A refusal says why, in the words Tasklist
 * shows, and leaves the task open and the ledger as it was; the right person then completes the same task.
 * <p>
 * A town of its own under 江北区, whose safety office and fire department share one member ({@code dual}): the one
 * who could otherwise check their own work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(HazardProcessDriver.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeparationOfDutiesTest {

    enum Path { ENGINE_JAVA_API, ENGINE_REST_API, TASKLIST }

    /** What a path answered: the HTTP status (the engine Java API: 400 for a refusal, 403 for an access refusal) and the message. */
    record Outcome(int status, String message) {
    }

    @LocalServerPort
    int port;

    @Autowired
    HazardProcessDriver driver;
    @Autowired
    OrganizationWriter organization;
    @Autowired
    HazardReporting reporting;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;

    final String town = "SOD" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    final String village = town + "-V";
    final String safetyOffice = town + "-SAFETY";
    final String fireDepartment = town + "-FIRE";
    /** In the safety office and in the fire department. */
    String dual;
    /** In the safety office only. */
    String head;
    /** In the fire department only. */
    String officer;

    @BeforeAll
    void town() {
        organization.addUnit(town, "分工测试镇", OrgLevel.TOWN, "D01");
        organization.addUnit(village, "分工测试村", OrgLevel.VILLAGE, town);
        organization.addDepartment(safetyOffice, "分工测试镇安委办", town, DepartmentKind.SAFETY_OFFICE);
        organization.addDepartment(fireDepartment, "分工测试镇消防站", town, DepartmentKind.INDUSTRY);
        dual = driver.newUser("sod-dual", safetyOffice, fireDepartment);
        head = driver.newUser("sod-head", safetyOffice);
        officer = driver.newUser("sod-officer", fireDepartment);
    }

    @AfterAll
    void users() {
        driver.removeUsers();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Path.class)
    void theRectifierDoesNotVerifyTheirOwnRectification(Path path) {
        String number = assignedTo(dual, "GENERAL");
        driver.complete(dual, number, submission("已整改", "100"));

        Map<String, Object> passed = decision("verificationPassed", true, "verificationComment", null);
        refusedWithoutChange(path, dual, number, passed, 400,
                "整改人不能验收自己的整改：用户 " + dual + " 提交了本次整改，须由他人验收（verificationPassed）");

        assertThat(complete(path, head, number, passed).status()).isEqualTo(204);
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.CLOSED);
        assertThat(driver.hazard(number).closedBy()).isEqualTo(head);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Path.class)
    void theRequesterDoesNotApproveTheirOwnExtension(Path path) {
        String number = assignedTo(dual, "GENERAL");
        driver.complete(dual, number, extensionRequest(daysAhead(30)));

        Map<String, Object> approved = decision("extensionApproved", true, "extensionReviewComment", null);
        refusedWithoutChange(path, dual, number, approved, 400,
                "不能审批本人提出的延期申请：延期申请人 " + dual + " 不能审批自己的申请（extensionApproved）");

        assertThat(complete(path, head, number, approved).status()).isEqualTo(204);
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.RECTIFYING);
        assertThat(driver.lastEntry(number).actor()).isEqualTo(head);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Path.class)
    void onlyTheListingLevelApprovesTheCloseOutOfAMajorHazard(Path path) {
        String number = assignedTo(officer, "MAJOR");
        driver.complete(officer, number, submission("已整改", "100"));
        driver.complete(head, number, decision("verificationPassed", true, "verificationComment", null));
        assertThat(driver.hazard(number).supervisingOffice()).isEqualTo("D01-SAFETY");
        Map<String, Object> approved = decision("closeoutApproved", true, "closeoutComment", null);

        // the administrator passes every engine check: the rule itself refuses
        refusedWithoutChange(path, "admin", number, approved, 403,
                "重大事故隐患须由挂牌督办单位审批销号：用户 admin 不是挂牌督办单位江北区安委办的成员，不能审批销号（closeoutApproved）");
        // the town's own safety office may read the task, not work it
        assertThat(attempt(path, head, number, approved).status()).isEqualTo(403);

        assertThat(complete(path, "district-officer", number, approved).status()).isEqualTo(204);
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.CLOSED);
        assertThat(driver.hazard(number).closedBy()).isEqualTo("district-officer");
    }

    // --- the paths --------------------------------------------------------------------------------------------------

    private Outcome complete(Path path, String user, String number, Map<String, Object> values) {
        Outcome outcome = attempt(path, user, number, values);
        assertThat(outcome.status()).as(path + " " + user + ": " + outcome.message()).isEqualTo(204);
        return outcome;
    }

    private Outcome attempt(Path path, String user, String number, Map<String, Object> values) {
        String password = user.equals("admin") || user.equals("district-officer") ? "demo" : TEST_PASSWORD;
        String taskId = driver.task(number).getId();
        return switch (path) {
            case ENGINE_JAVA_API -> engineJavaApi(user, taskId, values);
            case ENGINE_REST_API -> http(Client.basic(port, user, password)
                    .post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", asVariables(values))));
            case TASKLIST -> http(Client.tasklist(port, user, password)
                    .post("/camunda/api/engine/engine/default/task/" + taskId + "/submit-form",
                            Map.of("variables", asVariables(values))));
        };
    }

    private Outcome engineJavaApi(String user, String taskId, Map<String, Object> values) {
        driver.logIn(user);
        try {
            taskService.complete(taskId, new HashMap<>(values));
            return new Outcome(204, null);
        } catch (RuntimeException refused) {
            for (Throwable t = refused; t != null; t = t.getCause()) {
                if (t instanceof org.hazardloop.hazard.HazardAccessDenied denied) {
                    return new Outcome(403, denied.getMessage());
                }
                if (t instanceof org.hazardloop.hazard.HazardRuleViolation violation) {
                    return new Outcome(400, violation.getMessage());
                }
                if (t instanceof org.camunda.bpm.engine.AuthorizationException denied) {
                    return new Outcome(403, denied.getMessage());
                }
            }
            throw refused;
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static Outcome http(Client.Response response) {
        return new Outcome(response.status(), response.status() == 204 ? null : response.json().path("message").asText());
    }

    private void refusedWithoutChange(Path path, String user, String number, Map<String, Object> values, int status,
                                      String message) {
        Task task = driver.task(number);
        Hazard hazard = driver.hazard(number);
        List<TimelineEntry> timeline = driver.timeline(number);
        Map<String, Object> variables = driver.variables(number);

        Outcome refused = attempt(path, user, number, values);

        assertThat(refused.status()).as(path + ": " + refused.message()).isEqualTo(status);
        assertThat(refused.message()).isEqualTo(message);
        assertThat(driver.task(number).getId()).as("the task stays open").isEqualTo(task.getId());
        assertThat(driver.hazard(number)).isEqualTo(hazard);
        assertThat(driver.timeline(number)).isEqualTo(timeline);
        assertThat(driver.variables(number)).isEqualTo(variables);
    }

    // --- the hazards ------------------------------------------------------------------------------------------------

    /** Reported by the town's safety office and assigned by it to its fire department, {@code person} responsible. */
    private String assignedTo(String person, String grade) {
        String number = reporting.report(new HazardReport("sod-" + UUID.randomUUID(), "分工测试：消防通道堵塞",
                "通道被货物堵塞", "FIRE", "分工测试村 1 号", village, null), head).number();
        Map<String, Object> values = assignment(grade, daysAhead(10));
        values.put("responsibleDepartment", fireDepartment);
        values.put("responsiblePerson", person);
        driver.complete(head, number, values);
        return number;
    }

    /** Variables as Tasklist's Camunda Forms submit them: a value, no type. */
    private static Map<String, Object> asVariables(Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return variables;
    }
}
