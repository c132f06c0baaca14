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
import static org.hazardloop.process.HazardProcessDriver.extensionRequest;
import static org.hazardloop.process.HazardProcessDriver.submission;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.hazardloop.hazard.Grade;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.RiskLevel;
import org.hazardloop.hazard.TimelineAction;
import org.hazardloop.hazard.TimelineEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every path of HazardClosedLoopProcess on the real engine and ledger. After each step the ledger (status,
 * fields, the timeline entry with its actor and values) and the engine (open task, variables) must agree.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(HazardProcessDriver.class)
class HazardClosedLoopProcessTest {

    @Autowired
    ProcessEngine processEngine;

    @Autowired
    HazardProcessDriver driver;

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(processEngine);
    }

    @Test
    void generalHazardIsAssignedRectifiedVerifiedAndStruckOff() {
        String number = driver.report("商业街消防通道堵塞");
        ProcessInstance instance = driver.instance(number);
        BpmnAwareTests.assertThat(instance).isWaitingAtExactly("Task_AssignHazard");
        BpmnAwareTests.assertThat(driver.task(number))
                .hasCandidateGroup(SAFETY_OFFICE)
                .hasName("隐患交办：" + number + " 商业街消防通道堵塞");
        assertThat(driver.formRef(number)).isEqualTo("Form_AssignHazard");
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.REPORTED);

        OffsetDateTime deadline = assign(number, "GENERAL", daysAhead(10));

        submit(number, "已清理通道，拆除门锁", "1200.00");

        driver.complete(SUPERVISOR, number, decision("verificationPassed", true, "verificationComment", "现场复核通道畅通"));
        BpmnAwareTests.assertThat(instance).isEnded()
                .hasPassedInOrder("Task_AssignHazard", "Task_RectifyHazard", "Task_VerifyRectification",
                        "Gateway_HazardGrade", "EndEvent_HazardClosed")
                .hasNotPassed("Task_ReviewExtension", "Task_ApproveCloseout");
        Hazard closed = driver.hazard(number);
        assertThat(closed.status()).isEqualTo(HazardStatus.CLOSED);
        assertThat(closed.closedBy()).isEqualTo(SUPERVISOR);
        assertThat(closed.closedAt()).isNotNull();
        assertThat(closed.deadline()).isEqualTo(deadline);
        assertThat(closed.reworkCount()).isZero();
        assertThat(driver.timeline(number)).extracting(TimelineEntry::action).containsExactly(
                TimelineAction.REPORTED, TimelineAction.ASSIGNED, TimelineAction.RECTIFICATION_SUBMITTED,
                TimelineAction.VERIFIED, TimelineAction.CLOSED);
        TimelineEntry verified = driver.timeline(number).get(3);
        assertThat(verified.actor()).isEqualTo(SUPERVISOR);
        assertThat(verified.details()).containsEntry("verificationPassed", true)
                .containsEntry("verificationComment", "现场复核通道畅通");
        assertThat(driver.lastEntry(number).actor()).isEqualTo(SUPERVISOR);
        assertThat(driver.lastEntry(number).statusAfter()).isEqualTo(HazardStatus.CLOSED);
    }

    @Test
    void anAnswerSubmittedInItsNormalFormIsWrittenOnceToTheHistory() {
        String number = driver.report("仓库灭火器过期");
        String instance = driver.instance(number).getId();
        assign(number, "GENERAL", daysAhead(10));

        // as a client that sends the cost as a number: nothing to normalise, one history entry per answer
        driver.complete(FIRE_OFFICER, number, submission("已更换灭火器 6 具", 900.0));
        assertThat(updatesOf(instance, "rectificationOutcome")).containsExactly("SUBMIT");
        assertThat(updatesOf(instance, "rectificationReport")).containsExactly("已更换灭火器 6 具");
        assertThat(updatesOf(instance, "actualCost")).containsExactly(900.0);

        // as the forms send a decision ("true"): the submitted text, then the Boolean the gateway and forms read
        driver.complete(SUPERVISOR, number, decision("verificationPassed", true, "verificationComment", " 已复核 "));
        assertThat(updatesOf(instance, "verificationPassed")).containsExactly("true", true);
        assertThat(updatesOf(instance, "verificationComment")).containsExactly(" 已复核 ", "已复核");
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.CLOSED);
    }

    /** The values a variable was given in the process's history, in order. */
    private List<Object> updatesOf(String instance, String variable) {
        return processEngine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance)
                .variableUpdates().orderPartiallyByOccurrence().asc().list().stream()
                .map(HistoricVariableUpdate.class::cast)
                .filter(update -> update.getVariableName().equals(variable))
                .map(HistoricVariableUpdate::getValue)
                .toList();
    }

    @Test
    void failedVerificationSendsTheHazardBackForRework() {
        String number = driver.report("疏散门上锁");
        ProcessInstance instance = driver.instance(number);
        assign(number, "GENERAL", daysAhead(10));
        submit(number, "门锁已拆除", "300");

        driver.complete(SUPERVISOR, number, decision("verificationPassed", false, "verificationComment", "通道内仍堆放货物"));

        BpmnAwareTests.assertThat(driver.instance(number)).isWaitingAtExactly("Task_RectifyHazard");
        BpmnAwareTests.assertThat(driver.task(number)).hasCandidateGroup(FIRE_DEPARTMENT);
        Hazard rework = driver.hazard(number);
        assertThat(rework.status()).isEqualTo(HazardStatus.RECTIFYING);
        assertThat(rework.reworkCount()).isEqualTo(1);
        TimelineEntry failed = driver.lastEntry(number);
        assertThat(failed.action()).isEqualTo(TimelineAction.VERIFICATION_FAILED);
        assertThat(failed.actor()).isEqualTo(SUPERVISOR);
        assertThat(failed.details()).containsEntry("verificationPassed", false).containsEntry("reworkCount", 1)
                .containsEntry("verificationComment", "通道内仍堆放货物");
        // The rectification form shows why it came back; last round's answers are gone.
        assertThat(driver.variables(number))
                .containsEntry("verificationPassed", false)
                .containsEntry("verificationComment", "通道内仍堆放货物")
                .doesNotContainKeys("rectificationOutcome", "rectificationReport", "actualCost");

        submit(number, "货物已全部清走，通道划线", "800");
        assertThat(driver.variables(number)).doesNotContainKeys("verificationPassed", "verificationComment");
        driver.complete(SUPERVISOR, number, decision("verificationPassed", true, "verificationComment", null));

        BpmnAwareTests.assertThat(instance).isEnded();
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.CLOSED);
        assertThat(driver.hazard(number).reworkCount()).isEqualTo(1);
        assertThat(driver.timeline(number)).extracting(TimelineEntry::action).containsExactly(
                TimelineAction.REPORTED, TimelineAction.ASSIGNED, TimelineAction.RECTIFICATION_SUBMITTED,
                TimelineAction.VERIFICATION_FAILED, TimelineAction.RECTIFICATION_SUBMITTED,
                TimelineAction.VERIFIED, TimelineAction.CLOSED);
    }

    @Test
    void approvedExtensionMovesTheDeadlineAndTheTaskDueDate() {
        String number = driver.report("配电箱无防护");
        ProcessInstance instance = driver.instance(number);
        OffsetDateTime original = assign(number, "GENERAL", daysAhead(5));
        OffsetDateTime requested = daysAhead(20);

        driver.complete(FIRE_OFFICER, number, extensionRequest(requested));
        BpmnAwareTests.assertThat(driver.instance(number)).isWaitingAtExactly("Task_ReviewExtension");
        BpmnAwareTests.assertThat(driver.task(number)).hasCandidateGroup(SAFETY_OFFICE)
                .hasName("延期审核：" + number + " 配电箱无防护");
        Hazard requestedHazard = driver.hazard(number);
        assertThat(requestedHazard.status()).isEqualTo(HazardStatus.EXTENSION_REQUESTED);
        assertThat(requestedHazard.extensionRequestedBy()).isEqualTo(FIRE_OFFICER);
        assertThat(requestedHazard.requestedDeadline()).isEqualTo(requested);
        TimelineEntry request = driver.lastEntry(number);
        assertThat(request.action()).isEqualTo(TimelineAction.EXTENSION_REQUESTED);
        assertThat(request.actor()).isEqualTo(FIRE_OFFICER);
        assertThat(request.details()).containsEntry("interimMeasures", "疏散门改为推闩锁，每两小时巡查一次");
        assertThat(driver.variables(number))
                .containsEntry("rectificationOutcome", "REQUEST_EXTENSION")
                .containsEntry("requestedDeadline", date(requested))
                .containsEntry("deadline", date(original));

        driver.complete(SUPERVISOR, number, decision("extensionApproved", true, "extensionReviewComment", "同意，落实临时管控"));

        BpmnAwareTests.assertThat(driver.instance(number)).isWaitingAtExactly("Task_RectifyHazard");
        BpmnAwareTests.assertThat(driver.task(number)).hasDueDate(date(requested));
        Hazard extended = driver.hazard(number);
        assertThat(extended.status()).isEqualTo(HazardStatus.RECTIFYING);
        assertThat(extended.deadline()).isEqualTo(requested);
        assertThat(extended.requestedDeadline()).isNull();
        TimelineEntry approved = driver.lastEntry(number);
        assertThat(approved.action()).isEqualTo(TimelineAction.EXTENSION_APPROVED);
        assertThat(approved.actor()).isEqualTo(SUPERVISOR);
        assertThat(approved.details()).containsEntry("extensionApproved", true)
                .containsEntry("extensionReviewComment", "同意，落实临时管控");
        assertThat(OffsetDateTime.parse((String) approved.details().get("deadline"))).isEqualTo(requested);
        assertThat(driver.variables(number))
                .containsEntry("deadline", date(requested))
                .containsEntry("extensionApproved", true)
                .doesNotContainKeys("rectificationOutcome", "requestedDeadline", "interimMeasures");

        submit(number, "已加装防护罩", "450");
        assertThat(driver.variables(number)).doesNotContainKeys("extensionApproved", "extensionReviewComment");
        driver.complete(SUPERVISOR, number, decision("verificationPassed", true, "verificationComment", null));
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.CLOSED);
    }

    @Test
    void rejectedExtensionKeepsTheOldDeadline() {
        String number = driver.report("燃气管道锈蚀");
        OffsetDateTime original = assign(number, "GENERAL", daysAhead(5));

        driver.complete(FIRE_OFFICER, number, extensionRequest(daysAhead(30)));
        driver.complete(SUPERVISOR, number, decision("extensionApproved", false, "extensionReviewComment", "风险较高，须按期整改"));

        BpmnAwareTests.assertThat(driver.instance(number)).isWaitingAtExactly("Task_RectifyHazard");
        BpmnAwareTests.assertThat(driver.task(number)).hasDueDate(date(original));
        Hazard kept = driver.hazard(number);
        assertThat(kept.status()).isEqualTo(HazardStatus.RECTIFYING);
        assertThat(kept.deadline()).isEqualTo(original);
        assertThat(kept.requestedDeadline()).isNull();
        TimelineEntry rejected = driver.lastEntry(number);
        assertThat(rejected.action()).isEqualTo(TimelineAction.EXTENSION_REJECTED);
        assertThat(rejected.actor()).isEqualTo(SUPERVISOR);
        assertThat(rejected.details()).containsEntry("extensionApproved", false)
                .containsEntry("extensionReviewComment", "风险较高，须按期整改");
        assertThat(driver.variables(number))
                .containsEntry("deadline", date(original))
                .containsEntry("extensionApproved", false)
                .containsEntry("extensionReviewComment", "风险较高，须按期整改");
    }

    @Test
    void majorHazardNeedsTheSupervisingOfficeToApproveCloseout() {
        String number = driver.report("危化品仓库超量储存");
        ProcessInstance instance = driver.instance(number);
        assign(number, "MAJOR", daysAhead(15));
        submit(number, "超量部分已转运至合规仓库", "25000");

        driver.complete(SUPERVISOR, number, decision("verificationPassed", true, "verificationComment", "库存已核实"));
        BpmnAwareTests.assertThat(driver.instance(number)).isWaitingAtExactly("Task_ApproveCloseout");
        BpmnAwareTests.assertThat(driver.task(number)).hasCandidateGroup(SUPERVISING_OFFICE)
                .hasName("销号审批（挂牌督办）：" + number + " 危化品仓库超量储存");
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.AWAITING_CLOSEOUT);
        assertThat(driver.hazard(number).supervisingOffice()).as("the listing level in the ledger").isEqualTo(SUPERVISING_OFFICE);
        assertThat(driver.lastEntry(number).statusAfter()).isEqualTo(HazardStatus.AWAITING_CLOSEOUT);

        driver.complete(DISTRICT_OFFICER, number, decision("closeoutApproved", true, "closeoutComment", "同意摘牌"));

        BpmnAwareTests.assertThat(instance).isEnded()
                .hasPassedInOrder("Task_VerifyRectification", "Task_ApproveCloseout", "EndEvent_HazardClosed");
        Hazard closed = driver.hazard(number);
        assertThat(closed.status()).isEqualTo(HazardStatus.CLOSED);
        assertThat(closed.closedBy()).isEqualTo(DISTRICT_OFFICER);
        assertThat(driver.timeline(number)).extracting(TimelineEntry::action).endsWith(
                TimelineAction.VERIFIED, TimelineAction.CLOSEOUT_APPROVED, TimelineAction.CLOSED);
        TimelineEntry approval = driver.timeline(number).get(driver.timeline(number).size() - 2);
        assertThat(approval.actor()).isEqualTo(DISTRICT_OFFICER);
        assertThat(approval.details()).containsEntry("closeoutApproved", true).containsEntry("closeoutComment", "同意摘牌");
    }

    @Test
    void rejectedCloseoutGoesBackToVerificationThenCloses() {
        String number = driver.report("高层建筑外墙保温材料不合格");
        ProcessInstance instance = driver.instance(number);
        assign(number, "MAJOR", daysAhead(15));
        submit(number, "已更换为 A 级不燃材料", "180000");
        driver.complete(SUPERVISOR, number, decision("verificationPassed", true, "verificationComment", null));

        driver.complete(DISTRICT_OFFICER, number, decision("closeoutApproved", false, "closeoutComment", "缺少材料检测报告"));

        BpmnAwareTests.assertThat(driver.instance(number)).isWaitingAtExactly("Task_VerifyRectification");
        BpmnAwareTests.assertThat(driver.task(number)).hasCandidateGroup(SAFETY_OFFICE);
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.VERIFYING);
        TimelineEntry rejection = driver.lastEntry(number);
        assertThat(rejection.action()).isEqualTo(TimelineAction.CLOSEOUT_REJECTED);
        assertThat(rejection.actor()).isEqualTo(DISTRICT_OFFICER);
        assertThat(rejection.details()).containsEntry("closeoutApproved", false)
                .containsEntry("closeoutComment", "缺少材料检测报告");
        // The verification form shows why; the previous verification answer is gone.
        assertThat(driver.variables(number))
                .containsEntry("closeoutApproved", false)
                .containsEntry("closeoutComment", "缺少材料检测报告")
                .containsEntry("rectificationReport", "已更换为 A 级不燃材料")
                .doesNotContainKeys("verificationPassed", "verificationComment");

        driver.complete(SUPERVISOR, number, decision("verificationPassed", true, "verificationComment", "检测报告已补齐"));
        BpmnAwareTests.assertThat(driver.instance(number)).isWaitingAtExactly("Task_ApproveCloseout");
        assertThat(driver.variables(number)).doesNotContainKeys("closeoutApproved", "closeoutComment");
        driver.complete(DISTRICT_OFFICER, number, decision("closeoutApproved", true, "closeoutComment", null));

        BpmnAwareTests.assertThat(instance).isEnded();
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.CLOSED);
        assertThat(driver.hazard(number).closedBy()).isEqualTo(DISTRICT_OFFICER);
        assertThat(driver.timeline(number)).extracting(TimelineEntry::action).containsExactly(
                TimelineAction.REPORTED, TimelineAction.ASSIGNED, TimelineAction.RECTIFICATION_SUBMITTED,
                TimelineAction.VERIFIED, TimelineAction.CLOSEOUT_REJECTED, TimelineAction.VERIFIED,
                TimelineAction.CLOSEOUT_APPROVED, TimelineAction.CLOSED);
    }

    /** Assigns as the supervisor and checks ledger, timeline, variables and the rectification task. */
    private OffsetDateTime assign(String number, String grade, OffsetDateTime deadline) {
        driver.complete(SUPERVISOR, number, assignment(grade, deadline));

        Hazard hazard = driver.hazard(number);
        assertThat(hazard.status()).isEqualTo(HazardStatus.RECTIFYING);
        assertThat(hazard.grade()).isEqualTo(Grade.valueOf(grade));
        assertThat(hazard.riskLevel()).isEqualTo(RiskLevel.ORANGE);
        assertThat(hazard.responsibleDepartment()).isEqualTo(FIRE_DEPARTMENT);
        assertThat(hazard.responsiblePerson()).isEqualTo(FIRE_OFFICER);
        assertThat(hazard.funds()).isEqualByComparingTo(new BigDecimal("5000.50"));
        assertThat(hazard.deadline()).isEqualTo(deadline);
        assertThat(hazard.assignedBy()).isEqualTo(SUPERVISOR);
        TimelineEntry entry = driver.lastEntry(number);
        assertThat(entry.action()).isEqualTo(TimelineAction.ASSIGNED);
        assertThat(entry.actor()).isEqualTo(SUPERVISOR);
        assertThat(entry.statusAfter()).isEqualTo(HazardStatus.RECTIFYING);
        assertThat(entry.details()).containsEntry("grade", grade).containsEntry("responsiblePerson", FIRE_OFFICER)
                .containsEntry("funds", "5000.5");
        assertThat(driver.variables(number))
                .containsEntry("grade", grade)
                .containsEntry("riskLevel", "ORANGE")
                .containsEntry("responsibleDepartment", FIRE_DEPARTMENT)
                .containsEntry("responsiblePerson", FIRE_OFFICER)
                .containsEntry("funds", 5000.5)
                .containsEntry("deadline", date(deadline))
                .containsEntry("measures", hazard.measures())
                .containsEntry("contingencyPlan", hazard.contingencyPlan());

        BpmnAwareTests.assertThat(driver.instance(number)).isWaitingAtExactly("Task_RectifyHazard");
        Task rectify = driver.task(number);
        BpmnAwareTests.assertThat(rectify).hasCandidateGroup(FIRE_DEPARTMENT).hasDueDate(date(deadline))
                .hasName("隐患整改：" + number + " " + hazard.title());
        assertThat(driver.formRef(number)).isEqualTo("Form_RectifyHazard");
        return deadline;
    }

    /** Submits the rectification as the fire officer and checks it reached verification. */
    private void submit(String number, String report, String cost) {
        int reworkCount = driver.hazard(number).reworkCount();
        driver.complete(FIRE_OFFICER, number, submission(report, cost));

        Hazard hazard = driver.hazard(number);
        assertThat(hazard.status()).isEqualTo(HazardStatus.VERIFYING);
        assertThat(hazard.rectifiedBy()).isEqualTo(FIRE_OFFICER);
        assertThat(hazard.reworkCount()).isEqualTo(reworkCount);
        TimelineEntry entry = driver.lastEntry(number);
        assertThat(entry.action()).isEqualTo(TimelineAction.RECTIFICATION_SUBMITTED);
        assertThat(entry.actor()).isEqualTo(FIRE_OFFICER);
        assertThat(entry.details()).containsEntry("rectificationReport", report)
                .containsEntry("actualCost", new BigDecimal(cost).toPlainString());
        assertThat(driver.variables(number))
                .containsEntry("rectificationOutcome", "SUBMIT")
                .containsEntry("rectificationReport", report)
                .containsEntry("actualCost", new BigDecimal(cost).doubleValue());
        BpmnAwareTests.assertThat(driver.instance(number)).isWaitingAtExactly("Task_VerifyRectification");
        BpmnAwareTests.assertThat(driver.task(number)).hasCandidateGroup(SAFETY_OFFICE)
                .hasName("整改验收：" + number + " " + hazard.title());
    }

    private static Date date(OffsetDateTime dateTime) {
        return Date.from(dateTime.toInstant());
    }
}
