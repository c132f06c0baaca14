package org.hazardloop.events;

import java.time.OffsetDateTime;
import java.util.Locale;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.escalation.EscalationStage;
import org.hazardloop.hazard.escalation.EscalationTarget;
import org.hazardloop.hazard.escalation.HazardEscalationRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns each deadline notice (reminder, overdue, escalation) into a CloudEvent on {@code hazard.escalations}, in the
 * timer job's own transaction: a job that fails leaves no event, one that commits is published by the relay. The
 * job never talks to Kafka.
 *
 * <p>Key and subject: the code of the department that is told and must act, so each department or safety office
 * reads its own events in order. Event id: {@code <hazard number>/<stage>/<deadline version>/<type>/<level>},
 * e.g. {@code YH-2026-000123/rectification/1/hazard.escalated/2}: a notice is recorded at most once per deadline
 * and level, so a repeated job run yields the same id, and the rounds of two deadlines never share one.
 */
@Component
public class HazardEscalationEvents {

    private final HazardEventWriter writer;

    HazardEscalationEvents(HazardEventWriter writer) {
        this.writer = writer;
    }

    @EventListener
    public void on(HazardEscalationRecorded escalation) {
        HazardEventType type = HazardEventType.forAction(escalation.action())
                .filter(candidate -> candidate.stream() == HazardEventType.Stream.ESCALATIONS)
                .orElseThrow(() -> new IllegalArgumentException("no escalation event for " + escalation.action()));
        String number = escalation.hazardNumber();
        Hazard hazard = writer.hazard(number);
        EscalationTarget target = escalation.target();
        OffsetDateTime occurredAt = HazardEventWriter.eventTime(escalation.occurredAt());
        HazardEscalationData data = new HazardEscalationData(
                number,
                escalation.stage().name(),
                HazardFacts.of(hazard),
                hazard.status().name(),
                escalation.deadline().toString(),
                escalation.deadlineVersion(),
                escalation.overdueSince() == null ? null : escalation.overdueSince().toString(),
                target.level(),
                target.department(),
                target.unit(),
                target.gridLevel().name(),
                occurredAt.toString(),
                writer.link(number));
        writer.append(type, target.department(),
                eventId(number, escalation.stage(), escalation.deadlineVersion(), type, target.level()), number,
                occurredAt, data);
    }

    static String eventId(String hazardNumber, EscalationStage stage, int deadlineVersion, HazardEventType type, int level) {
        return hazardNumber + "/" + stage.name().toLowerCase(Locale.ROOT) + "/" + deadlineVersion + "/" + type.type()
                + "/" + level;
    }
}
