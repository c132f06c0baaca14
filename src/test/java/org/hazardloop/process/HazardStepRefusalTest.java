package org.hazardloop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hazardloop.process.HazardProcessDriver.BEIJING;
import static org.hazardloop.process.HazardProcessDriver.FIRE_OFFICER;
import static org.hazardloop.process.HazardProcessDriver.SUPERVISOR;
import static org.hazardloop.process.HazardProcessDriver.assignment;
import static org.hazardloop.process.HazardProcessDriver.daysAhead;
import static org.hazardloop.process.HazardProcessDriver.decision;
import static org.hazardloop.process.HazardProcessDriver.extensionRequest;
import static org.hazardloop.process.HazardProcessDriver.submission;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.hazardloop.hazard.FieldViolation;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardRuleViolation;
import org.hazardloop.hazard.TimelineEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A refused step changes nothing: the same task stays open, the ledger row, its timeline and the process
 * variables are exactly as before, and the refusal names the field the user has to fix.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(HazardProcessDriver.class)
class HazardStepRefusalTest {

    @Autowired
    HazardProcessDriver driver;

    @Autowired
    TaskService taskService;

    static Stream<Arguments> incompleteFiveImplementations() {
        return Stream.of(
                Arguments.of("整改措施未填写", "measures", (Consumer<Map<String, Object>>) v -> v.remove("measures")),
                Arguments.of("责任单位不是行业主管部门", "responsibleDepartment",
                        (Consumer<Map<String, Object>>) v -> v.put("responsibleDepartment", "T01-SAFETY")),
                Arguments.of("责任人不属于责任单位", "responsiblePerson",
                        (Consumer<Map<String, Object>>) v -> v.put("responsiblePerson", "building-officer")),
                Arguments.of("整改资金为负数", "funds", (Consumer<Map<String, Object>>) v -> v.put("funds", -1)),
                Arguments.of("整改时限未填写", "deadline", (Consumer<Map<String, Object>>) v -> v.remove("deadline")),
                Arguments.of("整改时限已过", "deadline", (Consumer<Map<String, Object>>) v ->
                        v.put("deadline", OffsetDateTime.now(BEIJING).minusHours(1).withNano(0).toString())),
                Arguments.of("应急预案为空白", "contingencyPlan",
                        (Consumer<Map<String, Object>>) v -> v.put("contingencyPlan", "   ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompleteFiveImplementations")
    void assignmentWithoutAllFiveImplementationsIsRefused(String caseName, String field,
                                                          Consumer<Map<String, Object>> spoil) {
        String number = driver.report("交办拒绝：" + caseName);
        Map<String, Object> values = assignment("GENERAL", daysAhead(10));
        spoil.accept(values);

        HazardRuleViolation refusal = refusedWithoutChange(SUPERVISOR, number, values);

        assertThat(refusal.violations()).extracting(FieldViolation::field).containsExactly(field);
        assertThat(refusal.getMessage()).startsWith("五落实不完整或无效，不能交办");
        assertThat(driver.task(number).getTaskDefinitionKey()).isEqualTo("Task_AssignHazard");
    }

    /** Someone in both the safety office and the fire department: the one who could otherwise check their own work. */
    private String safetyOfficerAndFireOfficer() {
        return driver.newUser("dual", HazardProcessDriver.SAFETY_OFFICE, HazardProcessDriver.FIRE_DEPARTMENT);
    }

    @AfterEach
    void removeUsers() {
        driver.removeUsers();
    }

    private static Map<String, Object> assignedTo(String person, OffsetDateTime deadline) {
        Map<String, Object> values = assignment("GENERAL", deadline);
        values.put("responsiblePerson", person);
        return values;
    }

    @Test
    void theRectifierCannotVerifyTheirOwnRectification() {
        String dual = safetyOfficerAndFireOfficer();
        String number = driver.report("验收拒绝：本人验收");
        driver.complete(SUPERVISOR, number, assignedTo(dual, daysAhead(10)));
        driver.complete(dual, number, submission("已整改", "100"));

        HazardRuleViolation refusal = refusedWithoutChange(dual, number,
                decision("verificationPassed", true, "verificationComment", null));

        assertThat(refusal.violations()).extracting(FieldViolation::field).containsExactly("verificationPassed");
        assertThat(refusal.getMessage()).contains("整改人不能验收自己的整改");
        assertThat(driver.task(number).getTaskDefinitionKey()).isEqualTo("Task_VerifyRectification");
    }

    @Test
    void theRequesterCannotApproveTheirOwnExtension() {
        String dual = safetyOfficerAndFireOfficer();
        String number = driver.report("延期拒绝：本人审批");
        driver.complete(SUPERVISOR, number, assignedTo(dual, daysAhead(5)));
        driver.complete(dual, number, extensionRequest(daysAhead(20)));

        HazardRuleViolation refusal = refusedWithoutChange(dual, number,
                decision("extensionApproved", true, "extensionReviewComment", null));

        assertThat(refusal.violations()).extracting(FieldViolation::field).containsExactly("extensionApproved");
        assertThat(refusal.getMessage()).contains("不能审批本人提出的延期申请");
        assertThat(driver.task(number).getTaskDefinitionKey()).isEqualTo("Task_ReviewExtension");
    }

    @Test
    void aReworkSubmittedWithoutAReportIsRefusedRatherThanReusingTheLastOne() {
        String number = driver.report("整改拒绝：沿用上次报告");
        driver.complete(SUPERVISOR, number, assignment("GENERAL", daysAhead(10)));
        driver.complete(FIRE_OFFICER, number, submission("第一次整改报告", "100"));
        driver.complete(SUPERVISOR, number, decision("verificationPassed", false, "verificationComment", "未整改到位"));

        HazardRuleViolation refusal = refusedWithoutChange(FIRE_OFFICER, number, Map.of("rectificationOutcome", "SUBMIT"));

        assertThat(refusal.violations()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("rectificationReport", "actualCost");
        assertThat(refusal.getMessage()).contains("整改情况说明未填写");
        assertThat(driver.task(number).getTaskDefinitionKey()).isEqualTo("Task_RectifyHazard");
    }

    @Test
    void aRejectionWithoutAReasonIsRefused() {
        String number = driver.report("验收拒绝：不通过无意见");
        driver.complete(SUPERVISOR, number, assignment("GENERAL", daysAhead(10)));
        driver.complete(FIRE_OFFICER, number, submission("已整改", "100"));

        HazardRuleViolation refusal = refusedWithoutChange(SUPERVISOR, number,
                decision("verificationPassed", false, "verificationComment", null));

        assertThat(refusal.violations()).extracting(FieldViolation::field).containsExactly("verificationComment");
    }

    @Test
    void withoutALoginTheAssigneeActsAndWithoutEitherTheStepIsRefused() {
        String number = driver.report("办理人：认领后办理");
        Task task = driver.task(number);

        HazardRuleViolation refusal = refusedWithoutChange(null, number, assignment("GENERAL", daysAhead(10)));
        assertThat(refusal.getMessage()).contains("请先认领任务再办理");

        taskService.claim(task.getId(), SUPERVISOR);
        taskService.complete(task.getId(), assignment("GENERAL", daysAhead(10)));
        assertThat(driver.hazard(number).assignedBy()).isEqualTo(SUPERVISOR);
        assertThat(driver.lastEntry(number).actor()).isEqualTo(SUPERVISOR);
    }

    /** Attempts the step and checks that task, ledger, timeline and variables are exactly as before. */
    private HazardRuleViolation refusedWithoutChange(String user, String number, Map<String, ?> values) {
        Task taskBefore = driver.task(number);
        Hazard hazardBefore = driver.hazard(number);
        List<TimelineEntry> timelineBefore = driver.timeline(number);
        Map<String, Object> variablesBefore = driver.variables(number);

        HazardRuleViolation refusal = driver.refused(user, number, values);

        assertThat(driver.task(number).getId()).isEqualTo(taskBefore.getId());
        assertThat(driver.hazard(number)).isEqualTo(hazardBefore);
        assertThat(driver.timeline(number)).isEqualTo(timelineBefore);
        assertThat(driver.variables(number)).isEqualTo(variablesBefore);
        return refusal;
    }
}
