package org.hazardloop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hazardloop.process.HazardProcessDriver.DISTRICT_OFFICER;
import static org.hazardloop.process.HazardProcessDriver.FIRE_DEPARTMENT;
import static org.hazardloop.process.HazardProcessDriver.FIRE_OFFICER;
import static org.hazardloop.process.HazardProcessDriver.SAFETY_OFFICE;
import static org.hazardloop.process.HazardProcessDriver.SUPERVISING_OFFICE;
import static org.hazardloop.process.HazardProcessDriver.SUPERVISOR;
import static org.hazardloop.process.HazardProcessDriver.assignment;
import static org.hazardloop.process.HazardProcessDriver.daysAhead;
import static org.hazardloop.process.HazardProcessDriver.decision;
import static org.hazardloop.process.HazardProcessDriver.submission;

import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.hazardloop.hazard.FieldViolation;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardRuleViolation;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.TimelineEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A task completion may carry any variables. The hazard's context (number, offices, grade, the five
 * implementations) is the ledger's, so a completion that would change it is refused and changes nothing,
 * while one that echoes the same value, as a form may, goes through.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(HazardProcessDriver.class)
class HazardContextTamperingTest {

    @Autowired
    HazardProcessDriver driver;

    @Autowired
    TaskService taskService;

    @Autowired
    RuntimeService runtimeService;

    /** A hazard waiting at the step where the tampered field would do harm, the user who works it, and the answer. */
    record Scenario(String number, String user, Map<String, Object> answer) {
    }

    static Stream<Arguments> tamperedContext() {
        return Stream.of(
                Arguments.of("verify", "grade", "GENERAL"),
                Arguments.of("verify", "supervisingOffice", SAFETY_OFFICE),
                Arguments.of("rectify", "safetyOffice", "T02-SAFETY"),
                Arguments.of("rectify", "responsibleDepartment", "T01-BUILDING"),
                Arguments.of("rectify", "deadline", Date.from(daysAhead(60).toInstant())),
                Arguments.of("rectify", "deadline", daysAhead(60).toString()),
                Arguments.of("rectify", "hazardTitle", "已整改完毕"),
                Arguments.of("verify", "funds", 0));
    }

    @ParameterizedTest(name = "{1} = {2} on {0}")
    @MethodSource("tamperedContext")
    void changingTheContextWhileCompletingIsRefused(String step, String field, Object tampered) {
        Scenario scenario = majorHazardAt(step, "篡改拒绝：" + field);
        Map<String, Object> values = new HashMap<>(scenario.answer());
        values.put(field, tampered);

        HazardRuleViolation refusal = refusedWithoutChange(scenario.user(), scenario.number(), values);

        assertThat(refusal.violations()).extracting(FieldViolation::field).containsExactly(field);
        assertThat(refusal.getMessage()).startsWith("不能在办理任务时修改隐患基本信息：").endsWith("（" + field + "）");
    }

    @Test
    void anotherHazardsNumberDoesNotRedirectTheAssignment() {
        String target = driver.report("篡改拒绝：被交办的另一隐患");
        String number = driver.report("篡改拒绝：交办时改隐患编号");
        Hazard targetBefore = driver.hazard(target);
        List<TimelineEntry> targetTimeline = driver.timeline(target);
        Map<String, Object> values = assignment("GENERAL", daysAhead(10));
        values.put(ProcessVariables.HAZARD_NUMBER, target);

        HazardRuleViolation refusal = refusedWithoutChange(SUPERVISOR, number, values);

        assertThat(refusal.violations()).extracting(FieldViolation::field).containsExactly("hazardNumber");
        assertThat(driver.hazard(target)).isEqualTo(targetBefore);
        assertThat(driver.timeline(target)).isEqualTo(targetTimeline);
        assertThat(driver.task(target).getTaskDefinitionKey()).isEqualTo("Task_AssignHazard");
    }

    @Test
    void echoingTheContextUnchangedIsAccepted() {
        String number = driver.report("回显：交办");
        Map<String, Object> assign = assignment("MAJOR", daysAhead(10));
        assign.put(ProcessVariables.HAZARD_NUMBER, number);
        assign.put(ProcessVariables.SAFETY_OFFICE, SAFETY_OFFICE);
        assign.put(ProcessVariables.HAZARD_TITLE, "回显：交办");
        driver.complete(SUPERVISOR, number, assign);
        Hazard assigned = driver.hazard(number);
        assertThat(assigned.status()).isEqualTo(HazardStatus.RECTIFYING);

        // The deadline as a form's datetime field sends it, in UTC; the funds as an integer-looking text.
        Map<String, Object> rectify = new HashMap<>(submission("已整改", "100"));
        rectify.put(ProcessVariables.DEADLINE, assigned.deadline().withOffsetSameInstant(ZoneOffset.UTC).toString());
        rectify.put(ProcessVariables.RESPONSIBLE_DEPARTMENT, FIRE_DEPARTMENT);
        rectify.put(ProcessVariables.SAFETY_OFFICE, SAFETY_OFFICE);
        rectify.put(ProcessVariables.FUNDS, "5000.50");
        driver.complete(FIRE_OFFICER, number, rectify);
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.VERIFYING);
        // Accepted in another form, the context is typed again from the ledger.
        assertThat(driver.variables(number))
                .containsEntry(ProcessVariables.DEADLINE, Date.from(assigned.deadline().toInstant()))
                .containsEntry(ProcessVariables.FUNDS, 5000.5);

        Map<String, Object> verify = decision("verificationPassed", true, "verificationComment", null);
        verify.put(ProcessVariables.GRADE, "MAJOR");
        verify.put(ProcessVariables.SUPERVISING_OFFICE, SUPERVISING_OFFICE);
        driver.complete(SUPERVISOR, number, verify);
        assertThat(driver.task(number).getTaskDefinitionKey()).isEqualTo("Task_ApproveCloseout");
        assertThat(taskService.getIdentityLinksForTask(driver.task(number).getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo(SUPERVISING_OFFICE));
        assertThat(driver.variables(number)).containsAllEntriesOf(HazardContext.of(driver.hazard(number)).variables());
    }

    /** A task-local variable must not hide a change made to the process instance's variable. */
    @Test
    void aTaskLocalVariableCannotShadowAChangedProcessVariable() {
        Scenario scenario = majorHazardAt("verify", "篡改拒绝：局部变量遮蔽");
        Task task = driver.task(scenario.number());
        runtimeService.setVariable(task.getProcessInstanceId(), ProcessVariables.GRADE, "GENERAL");
        taskService.setVariableLocal(task.getId(), ProcessVariables.GRADE, "MAJOR");

        HazardRuleViolation refusal = refusedWithoutChange(scenario.user(), scenario.number(), scenario.answer());

        assertThat(refusal.violations()).extracting(FieldViolation::field).containsExactly("grade");
    }

    /** A context variable removed in the meantime is put back from the ledger, and the gateway reads it. */
    @Test
    void aRemovedContextVariableIsProjectedAgainFromTheLedger() {
        Scenario scenario = majorHazardAt("verify", "上下文恢复：等级变量被删除");
        runtimeService.removeVariable(driver.instance(scenario.number()).getId(), ProcessVariables.GRADE);

        driver.complete(scenario.user(), scenario.number(), scenario.answer());

        assertThat(driver.task(scenario.number()).getTaskDefinitionKey()).isEqualTo("Task_ApproveCloseout");
        assertThat(driver.variables(scenario.number())).containsEntry(ProcessVariables.GRADE, "MAJOR");
        driver.complete(DISTRICT_OFFICER, scenario.number(), decision("closeoutApproved", true, "closeoutComment", null));
        assertThat(driver.hazard(scenario.number()).status()).isEqualTo(HazardStatus.CLOSED);
    }

    /** Reports a hazard, assigns it as MAJOR and brings it to rectification or verification. */
    private Scenario majorHazardAt(String step, String title) {
        String number = driver.report(title);
        driver.complete(SUPERVISOR, number, assignment("MAJOR", daysAhead(10)));
        if (step.equals("rectify")) {
            return new Scenario(number, FIRE_OFFICER, submission("已整改", "100"));
        }
        driver.complete(FIRE_OFFICER, number, submission("已整改", "100"));
        return new Scenario(number, SUPERVISOR, decision("verificationPassed", true, "verificationComment", null));
    }

    /** Attempts the step and checks that task, ledger, timeline and variables are exactly as before. */
    private HazardRuleViolation refusedWithoutChange(String user, String number, Map<String, ?> values) {
        Task taskBefore = driver.task(number);
        Hazard hazardBefore = driver.hazard(number);
        List<TimelineEntry> timelineBefore = driver.timeline(number);
        Map<String, Object> variablesBefore = driver.variables(number);

        HazardRuleViolation refusal = driver.refused(user, number, values);

        Task taskAfter = driver.task(number);
        assertThat(taskAfter.getId()).isEqualTo(taskBefore.getId());
        assertThat(taskAfter.getDueDate()).isEqualTo(taskBefore.getDueDate());
        assertThat(driver.hazard(number)).isEqualTo(hazardBefore);
        assertThat(driver.timeline(number)).isEqualTo(timelineBefore);
        assertThat(driver.variables(number)).isEqualTo(variablesBefore);
        return refusal;
    }
}
