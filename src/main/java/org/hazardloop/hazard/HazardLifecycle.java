package org.hazardloop.hazard;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.hazardloop.hazard.escalation.DeadlinePolicy;
import org.hazardloop.organization.Department;
import org.hazardloop.organization.DepartmentKind;
import org.hazardloop.organization.OrganizationDirectory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of each step of the closed loop, applied to the ledger. Process listeners call these
 * methods from inside the engine's transaction: a refusal ({@link HazardRuleViolation}) rolls the
 * step back, so the task stays open and neither engine nor ledger changes.
 */
@Service
@Transactional
public class HazardLifecycle {

    private final HazardLedger ledger;
    private final OrganizationDirectory organization;
    private final Clock clock;
    private final HazardLoopProperties properties;
    private final ApplicationEventPublisher events;
    private final DeadlinePolicy deadlines;

    public HazardLifecycle(HazardLedger ledger, OrganizationDirectory organization, Clock clock,
                           HazardLoopProperties properties, ApplicationEventPublisher events, DeadlinePolicy deadlines) {
        this.ledger = ledger;
        this.organization = organization;
        this.clock = clock;
        this.properties = properties;
        this.events = events;
        this.deadlines = deadlines;
    }

    /** 交办: classification and the five implementations; the hazard goes to the responsible department. */
    public Assignment assign(String number, String actor, Map<String, ?> submitted) {
        Hazard hazard = open(number, actor, HazardStatus.REPORTED);
        requireMember(actor, hazard.safetyOffice(), "交办");
        Assignment assignment = Assignment.parse(submitted, clock.instant(), properties.zone());
        FiveImplementations five = assignment.fiveImplementations();
        Department department = organization.department(five.responsibleDepartment())
                .filter(d -> d.kind() == DepartmentKind.INDUSTRY)
                .orElseThrow(() -> new HazardRuleViolation("五落实不完整或无效，不能交办",
                        new FieldViolation(Assignment.RESPONSIBLE_DEPARTMENT,
                                "责任单位不存在或不是行业主管部门：" + five.responsibleDepartment())));
        if (!organization.isMember(five.responsiblePerson(), department.code())) {
            throw new HazardRuleViolation("五落实不完整或无效，不能交办",
                    new FieldViolation(Assignment.RESPONSIBLE_PERSON,
                            "责任人 " + five.responsiblePerson() + " 不是" + department.name() + "的成员"));
        }
        ledger.recordAssignment(number, assignment, actor);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("grade", assignment.grade().name());
        details.put("riskLevel", assignment.riskLevel().name());
        details.put("measures", five.measures());
        details.put("responsibleDepartment", five.responsibleDepartment());
        details.put("responsiblePerson", five.responsiblePerson());
        details.put("funds", five.funds().toPlainString());
        details.put("deadline", five.deadline().toString());
        details.put("contingencyPlan", five.contingencyPlan());
        record(hazard, actor, TimelineAction.ASSIGNED, HazardStatus.RECTIFYING, details);
        return assignment;
    }

    /** 整改: the department submits its rectification or asks for more time with interim controls. */
    public Rectification rectify(String number, String actor, Map<String, ?> submitted) {
        Hazard hazard = open(number, actor, HazardStatus.RECTIFYING);
        requireMember(actor, hazard.responsibleDepartment(), "整改");
        Rectification rectification = Rectification.parse(submitted, hazard.deadline(), clock.instant(), properties.zone());
        Map<String, Object> details = new LinkedHashMap<>();
        if (rectification.outcome() == RectificationOutcome.SUBMIT) {
            OffsetDateTime verificationDeadline = deadlines.verificationDeadline(now());
            ledger.recordRectificationSubmitted(number, actor, verificationDeadline);
            details.put("rectificationReport", rectification.rectificationReport());
            details.put("actualCost", rectification.actualCost().toPlainString());
            details.put("verificationDeadline", verificationDeadline.toString());
            record(hazard, actor, TimelineAction.RECTIFICATION_SUBMITTED, HazardStatus.VERIFYING, details);
        } else {
            ledger.recordExtensionRequested(number, actor, rectification.requestedDeadline());
            details.put("requestedDeadline", rectification.requestedDeadline().toString());
            details.put("interimMeasures", rectification.interimMeasures());
            details.put("currentDeadline", hazard.deadline().toString());
            record(hazard, actor, TimelineAction.EXTENSION_REQUESTED, HazardStatus.EXTENSION_REQUESTED, details);
        }
        return rectification;
    }

    /** 延期审核: approved, the requested deadline is in force; rejected, the old one stands. Returns the deadline in force. */
    public OffsetDateTime reviewExtension(String number, String actor, Map<String, ?> submitted) {
        Hazard hazard = open(number, actor, HazardStatus.EXTENSION_REQUESTED);
        requireMember(actor, hazard.safetyOffice(), "延期审核");
        Decision decision = Decision.parse(submitted, "extensionApproved", "审核结论",
                "extensionReviewComment", "审核意见", "延期审核不完整");
        if (Objects.equals(actor, hazard.extensionRequestedBy())) {
            throw new HazardRuleViolation("不能审批本人提出的延期申请",
                    new FieldViolation("extensionApproved", "延期申请人 " + actor + " 不能审批自己的申请"));
        }
        OffsetDateTime inForce = decision.approved() ? hazard.requestedDeadline() : hazard.deadline();
        if (decision.approved() && !inForce.toInstant().isAfter(clock.instant())) {
            throw new HazardRuleViolation("不能批准延期",
                    new FieldViolation("extensionApproved", "申请的延期时限 " + inForce + " 已过，请驳回后重新申请"));
        }
        ledger.recordExtensionDecided(number, decision.approved());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("extensionApproved", decision.approved());
        details.put("deadline", inForce.toString());
        putIfPresent(details, "extensionReviewComment", decision.comment());
        record(hazard, actor, decision.approved() ? TimelineAction.EXTENSION_APPROVED : TimelineAction.EXTENSION_REJECTED,
                HazardStatus.RECTIFYING, details);
        return inForce;
    }

    /** 验收: someone other than the rectifier checks the result; a failure is a rework. */
    public Decision verify(String number, String actor, Map<String, ?> submitted) {
        Hazard hazard = open(number, actor, HazardStatus.VERIFYING);
        requireMember(actor, hazard.safetyOffice(), "验收");
        Decision decision = Decision.parse(submitted, "verificationPassed", "验收结论",
                "verificationComment", "验收意见", "验收结论不完整");
        if (Objects.equals(actor, hazard.rectifiedBy())) {
            throw new HazardRuleViolation("整改人不能验收自己的整改",
                    new FieldViolation("verificationPassed", "用户 " + actor + " 提交了本次整改，须由他人验收"));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("verificationPassed", decision.approved());
        putIfPresent(details, "verificationComment", decision.comment());
        if (!decision.approved()) {
            ledger.recordRework(number);
            details.put("reworkCount", hazard.reworkCount() + 1);
            record(hazard, actor, TimelineAction.VERIFICATION_FAILED, HazardStatus.RECTIFYING, details);
        } else if (hazard.grade() == Grade.MAJOR) {
            ledger.changeStatus(number, HazardStatus.AWAITING_CLOSEOUT);
            record(hazard, actor, TimelineAction.VERIFIED, HazardStatus.AWAITING_CLOSEOUT, details);
        } else {
            record(hazard, actor, TimelineAction.VERIFIED, HazardStatus.VERIFYING, details);
        }
        return decision;
    }

    /**
     * 摘牌审批: the listing level approves the close-out of a major hazard, or sends it back to verification. Only a
     * member of the listing level may decide: the supervising office the ledger names, not whoever holds the task.
     */
    public Decision approveCloseout(String number, String actor, Map<String, ?> submitted) {
        Hazard hazard = open(number, actor, HazardStatus.AWAITING_CLOSEOUT);
        if (!organization.isMember(actor, hazard.supervisingOffice())) {
            throw new HazardAccessDenied("重大事故隐患须由挂牌督办单位审批销号", new FieldViolation("closeoutApproved",
                    "用户 " + actor + " 不是挂牌督办单位" + departmentName(hazard.supervisingOffice()) + "的成员，不能审批销号"));
        }
        Decision decision = Decision.parse(submitted, "closeoutApproved", "销号审批结论",
                "closeoutComment", "审批意见", "销号审批不完整");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("closeoutApproved", decision.approved());
        putIfPresent(details, "closeoutComment", decision.comment());
        if (decision.approved()) {
            record(hazard, actor, TimelineAction.CLOSEOUT_APPROVED, HazardStatus.AWAITING_CLOSEOUT, details);
        } else {
            OffsetDateTime verificationDeadline = deadlines.verificationDeadline(now());
            ledger.recordCloseoutRejected(number, verificationDeadline);
            details.put("verificationDeadline", verificationDeadline.toString());
            record(hazard, actor, TimelineAction.CLOSEOUT_REJECTED, HazardStatus.VERIFYING, details);
        }
        return decision;
    }

    /**
     * 销号: strike the entry off. Called when the process reaches its end; the one who gave the
     * final approval (the last timeline entry, written in this same transaction) closes it.
     */
    public void strikeOff(String number) {
        Hazard hazard = ledger.lock(number);
        if (hazard.status() != HazardStatus.VERIFYING && hazard.status() != HazardStatus.AWAITING_CLOSEOUT) {
            throw new IllegalStateException("hazard " + number + " cannot be closed from status " + hazard.status());
        }
        String closedBy = ledger.lastTimelineEntry(number).map(TimelineEntry::actor)
                .orElseThrow(() -> new IllegalStateException("hazard " + number + " has no timeline"));
        OffsetDateTime now = now();
        ledger.recordClosed(number, closedBy, now);
        ledger.appendTimeline(number, now, closedBy, TimelineAction.CLOSED, HazardStatus.CLOSED, Map.of());
        events.publishEvent(new HazardStepRecorded(number, TimelineAction.CLOSED, HazardStatus.CLOSED, closedBy, now, Map.of()));
    }

    /**
     * 认领: a task of the hazard was given to {@code assignee} (null: back to the queue) by {@code actor}. Only a member
     * of one of the task's candidate departments may hold it; the claim is recorded in the timeline.
     */
    public void recordClaim(String number, String actor, String assignee, String step, Collection<String> departments) {
        Hazard hazard = ledger.lock(number);
        if (assignee != null && !departments.isEmpty()
                && departments.stream().noneMatch(department -> organization.isMember(assignee, department))) {
            throw new HazardAccessDenied("不能认领此任务", new FieldViolation("assignee", "用户 " + assignee + " 不是"
                    + departments.stream().map(this::departmentName).collect(Collectors.joining("、"))
                    + "的成员，不能办理“" + step + "”"));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("task", step);
        putIfPresent(details, "assignee", assignee);
        record(hazard, actor, assignee == null ? TimelineAction.UNCLAIMED : TimelineAction.CLAIMED, hazard.status(),
                details);
    }

    /** Each step belongs to one department of the hazard; nobody else works it, whoever holds the task. */
    private void requireMember(String actor, String department, String step) {
        if (!organization.isMember(actor, department)) {
            throw new HazardAccessDenied("无权办理此步骤", new FieldViolation("assignee",
                    "用户 " + actor + " 不是" + departmentName(department) + "的成员，不能办理“" + step + "”"));
        }
    }

    private String departmentName(String code) {
        return organization.department(code).map(Department::name).orElse(code);
    }

    private Hazard open(String number, String actor, HazardStatus expected) {
        if (actor == null || actor.isBlank()) {
            throw new HazardRuleViolation("无法确定办理人", new FieldViolation("assignee", "请先认领任务再办理"));
        }
        Hazard hazard = ledger.lock(number);
        if (hazard.status() != expected) {
            throw new HazardRuleViolation("隐患状态已变化",
                    new FieldViolation("status", "隐患 " + number + " 当前状态为 " + hazard.status() + "，不能执行此步骤"));
        }
        return hazard;
    }

    private void record(Hazard hazard, String actor, TimelineAction action, HazardStatus after, Map<String, ?> details) {
        OffsetDateTime at = now();
        ledger.appendTimeline(hazard.number(), at, actor, action, after, details);
        events.publishEvent(new HazardStepRecorded(hazard.number(), action, after, actor, at, details));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(properties.zone()));
    }

    private static void putIfPresent(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
