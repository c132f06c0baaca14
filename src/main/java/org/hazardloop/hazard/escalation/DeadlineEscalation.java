package org.hazardloop.hazard.escalation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.HazardLoopProperties;
import org.hazardloop.hazard.HazardNotFound;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.TimelineAction;
import org.hazardloop.hazard.TimelineEntry;
import org.hazardloop.organization.Department;
import org.hazardloop.organization.OrgUnit;
import org.hazardloop.organization.OrganizationDirectory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deadlines that escalate up the supervision grid (逐级督办). The BPMN timers of the rectification and
 * verification tasks read their dates here when the task starts and call one method here when they fire, inside
 * the timer job's transaction: the notice goes to the ledger (level, target), the timeline (actor {@value #SYSTEM})
 * and, through {@link HazardEscalationRecorded}, the event outbox, or, if the job fails, nowhere.
 *
 * <p>Every notice locks the ledger row first, like every step of the loop, and checks that it is still due: a
 * timer that fires after the department submitted, or a second run of the same job, finds nothing to do and
 * records nothing. A notice is recorded at most once per deadline: the reminder and the verification escalation
 * are looked up in the timeline, the overdue notice and the escalations follow the ledger's level, which only
 * ever climbs one step per notice.
 */
@Service
@Transactional
public class DeadlineEscalation {

    /** The actor of the timeline entries the timers write. */
    public static final String SYSTEM = "system";

    private final HazardLedger ledger;
    private final OrganizationDirectory organization;
    private final DeadlinePolicy policy;
    private final Clock clock;
    private final HazardLoopProperties properties;
    private final ApplicationEventPublisher events;

    public DeadlineEscalation(HazardLedger ledger, OrganizationDirectory organization, DeadlinePolicy policy,
                              Clock clock, HazardLoopProperties properties, ApplicationEventPublisher events) {
        this.ledger = ledger;
        this.organization = organization;
        this.policy = policy;
        this.clock = clock;
        this.properties = properties;
        this.events = events;
    }

    // --- the timers' dates, read when the task starts ---

    /** When the rectification task's reminder fires. */
    public Instant reminderAt(String number) {
        return policy.reminderAt(find(number).deadline().toInstant(), clock.instant());
    }

    /** The escalations the rectification task's cycle timer fires: from the level reached to the top of the grid. */
    public EscalationSchedule escalationSchedule(String number) {
        Hazard hazard = find(number);
        return policy.escalationSchedule(hazard.deadline().toInstant(), hazard.grade(), hazard.escalationLevel(),
                chainOf(hazard).topLevel(), clock.instant());
    }

    /**
     * When the verification task's deadline passes: the ledger's verification deadline, set when the rectification
     * was submitted. A hazard submitted before verification deadlines existed gets one from now.
     */
    public Instant verificationDeadline(String number) {
        Hazard hazard = find(number);
        return hazard.verificationDeadline() != null
                ? hazard.verificationDeadline().toInstant()
                : policy.verificationDeadline(now()).toInstant();
    }

    // --- what the timers do ---

    /** 临期提醒: tells the responsible department its deadline is near, once per deadline. */
    public Optional<HazardEscalationRecorded> remindDeadlineApproaching(String number) {
        Hazard hazard = ledger.lock(number);
        // too late for a reminder: the overdue notice speaks instead
        if (hazard.status() != HazardStatus.RECTIFYING || !clock.instant().isBefore(hazard.deadline().toInstant())
                || alreadyRecorded(number, TimelineAction.DEADLINE_APPROACHING, EscalationStage.RECTIFICATION,
                hazard.deadlineVersion())) {
            return Optional.empty();
        }
        return Optional.of(record(hazard, TimelineAction.DEADLINE_APPROACHING, EscalationStage.RECTIFICATION,
                hazard.deadline(), hazard.deadlineVersion(), null, chainOf(hazard).department()));
    }

    /** 逾期: tells the responsible department it missed the deadline in force (escalation level 0). */
    public Optional<HazardEscalationRecorded> recordOverdue(String number) {
        Hazard hazard = ledger.lock(number);
        if (!stillOverdue(hazard) || hazard.escalationLevel() != null) {
            return Optional.empty();
        }
        EscalationTarget department = chainOf(hazard).department();
        ledger.recordEscalation(number, department.level(), department.department());
        return Optional.of(record(hazard, TimelineAction.OVERDUE, EscalationStage.RECTIFICATION, hazard.deadline(),
                hazard.deadlineVersion(), hazard.deadline(), department));
    }

    /** 逐级督办: the hazard is still overdue; the next level up the grid is told. Nothing above the top. */
    public Optional<HazardEscalationRecorded> escalateOverdue(String number) {
        Hazard hazard = ledger.lock(number);
        // Escalation follows the overdue notice; should that job have failed, it is retried first.
        if (!stillOverdue(hazard) || hazard.escalationLevel() == null) {
            return Optional.empty();
        }
        Optional<EscalationTarget> next = chainOf(hazard).above(hazard.escalationLevel());
        next.ifPresent(target -> ledger.recordEscalation(number, target.level(), target.department()));
        return next.map(target -> record(hazard, TimelineAction.ESCALATED, EscalationStage.RECTIFICATION,
                hazard.deadline(), hazard.deadlineVersion(), hazard.deadline(), target));
    }

    /**
     * 验收逾期督办: the safety office has not verified the rectification in time; the safety office above it (the one
     * that lists the hazard, 挂牌督办) is told, once per verification deadline. At the top of the grid there is
     * nobody above.
     */
    public Optional<HazardEscalationRecorded> escalateOverdueVerification(String number) {
        Hazard hazard = ledger.lock(number);
        if (hazard.status() != HazardStatus.VERIFYING || hazard.verificationDeadline() == null
                || clock.instant().isBefore(hazard.verificationDeadline().toInstant())) {
            return Optional.empty();
        }
        int round = verificationRound(ledger.timeline(number));
        if (alreadyRecorded(number, TimelineAction.ESCALATED, EscalationStage.VERIFICATION, round)
                || hazard.supervisingOffice().equals(hazard.safetyOffice())) {
            return Optional.empty();
        }
        Department above = organization.department(hazard.supervisingOffice())
                .orElseThrow(() -> new IllegalStateException("unknown supervising office " + hazard.supervisingOffice()));
        OrgUnit unit = unit(above.unitCode());
        return Optional.of(record(hazard, TimelineAction.ESCALATED, EscalationStage.VERIFICATION,
                hazard.verificationDeadline(), round, hazard.verificationDeadline(),
                new EscalationTarget(1, above.code(), unit.code(), unit.level())));
    }

    // --- helpers ---

    /** Still with the department and past the deadline in force. */
    private boolean stillOverdue(Hazard hazard) {
        return hazard.status() == HazardStatus.RECTIFYING && hazard.overdueAt(clock.instant());
    }

    /** The grid above the hazard's responsible department, as it is now. */
    EscalationChain chainOf(Hazard hazard) {
        Department responsible = organization.department(hazard.responsibleDepartment())
                .orElseThrow(() -> new IllegalStateException("unknown department " + hazard.responsibleDepartment()));
        // Every timer of a hazard asks for its chain: the directory keeps the grid's units and offices.
        List<OrgUnit> units = unit(responsible.unitCode()).selfAndAncestors().stream().map(this::unit).toList();
        Map<String, Department> offices = new HashMap<>();
        // one office per unit, the first by code, as before: the list comes ordered by code
        for (Department office : organization.safetyOfficesOver(responsible.unitCode())) {
            offices.putIfAbsent(office.unitCode(), office);
        }
        return EscalationChain.of(responsible, units, offices);
    }

    private HazardEscalationRecorded record(Hazard hazard, TimelineAction action, EscalationStage stage,
                                            OffsetDateTime deadline, int version, OffsetDateTime overdueSince,
                                            EscalationTarget target) {
        OffsetDateTime now = now();
        OffsetDateTime localDeadline = local(deadline);
        OffsetDateTime localOverdueSince = overdueSince == null ? null : local(overdueSince);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stage", stage.name());
        details.put("deadline", localDeadline.toString());
        details.put("deadlineVersion", version);
        if (localOverdueSince != null) {
            details.put("overdueSince", localOverdueSince.toString());
        }
        details.put("escalationLevel", target.level());
        details.put("targetDepartment", target.department());
        details.put("targetUnit", target.unit());
        details.put("targetGridLevel", target.gridLevel().name());
        ledger.appendTimeline(hazard.number(), now, SYSTEM, action, hazard.status(), details);
        HazardEscalationRecorded recorded = new HazardEscalationRecorded(hazard.number(), action, stage, localDeadline,
                version, localOverdueSince, target, now);
        events.publishEvent(recorded);
        return recorded;
    }

    private boolean alreadyRecorded(String number, TimelineAction action, EscalationStage stage, int version) {
        return ledger.timeline(number).stream().anyMatch(entry -> entry.action() == action
                && stage.name().equals(entry.details().get("stage"))
                && entry.details().get("deadlineVersion") instanceof Number recorded && recorded.intValue() == version);
    }

    /** Each submission, and each close-out sent back, starts a verification with a deadline of its own. */
    private static int verificationRound(List<TimelineEntry> timeline) {
        return (int) timeline.stream().filter(entry -> entry.action() == TimelineAction.RECTIFICATION_SUBMITTED
                || entry.action() == TimelineAction.CLOSEOUT_REJECTED).count();
    }

    private Hazard find(String number) {
        return ledger.find(number).orElseThrow(() -> new HazardNotFound(number));
    }

    private OrgUnit unit(String code) {
        return organization.unit(code).orElseThrow(() -> new IllegalStateException("unknown grid unit " + code));
    }

    private OffsetDateTime local(OffsetDateTime time) {
        return time.atZoneSameInstant(properties.zone()).toOffsetDateTime();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(properties.zone()));
    }
}
