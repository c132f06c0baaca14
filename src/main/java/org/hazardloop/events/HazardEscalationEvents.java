package org.hazardloop.events;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.HazardNotFound;
import org.hazardloop.hazard.escalation.EscalationStage;
import org.hazardloop.hazard.escalation.EscalationTarget;
import org.hazardloop.hazard.escalation.HazardEscalationRecorded;
import org.springframework.beans.factory.annotation.Value;
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

    private final HazardLedger ledger;
    private final EventOutbox outbox;
    private final EventsProperties properties;
    private final String publicUrl;

    public HazardEscalationEvents(HazardLedger ledger, EventOutbox outbox, EventsProperties properties,
                                  @Value("${hazardloop.public-url:http://localhost:8080}") String publicUrl) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.properties = properties;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @EventListener
    public void on(HazardEscalationRecorded escalation) {
        HazardEventType type = HazardEventType.forAction(escalation.action())
                .filter(candidate -> candidate.stream() == HazardEventType.Stream.ESCALATIONS)
                .orElseThrow(() -> new IllegalArgumentException("no escalation event for " + escalation.action()));
        String number = escalation.hazardNumber();
        Hazard hazard = ledger.find(number).orElseThrow(() -> new HazardNotFound(number));
        EscalationTarget target = escalation.target();
        // rounded to the microseconds the database stores, so the event's time is the timeline entry's time
        OffsetDateTime occurredAt = escalation.occurredAt().plusNanos(500).truncatedTo(ChronoUnit.MICROS);
        HazardEscalationData data = new HazardEscalationData(
                number,
                escalation.stage().name(),
                hazard.title(),
                hazard.sector().name(),
                hazard.location(),
                hazard.gridUnit(),
                hazard.safetyOffice(),
                hazard.grade() == null ? null : hazard.grade().name(),
                hazard.riskLevel() == null ? null : hazard.riskLevel().name(),
                hazard.status().name(),
                hazard.responsibleDepartment(),
                hazard.responsiblePerson(),
                escalation.deadline().toString(),
                escalation.deadlineVersion(),
                escalation.overdueSince() == null ? null : escalation.overdueSince().toString(),
                target.level(),
                target.department(),
                target.unit(),
                target.gridLevel().name(),
                occurredAt.toString(),
                publicUrl + "/api/hazards/" + number);
        outbox.append(new OutboxMessage(
                type.stream().topic(properties.topics()),
                target.department(),
                eventId(number, escalation.stage(), escalation.deadlineVersion(), type, target.level()),
                type.type(),
                target.department(),
                number,
                occurredAt,
                data));
    }

    static String eventId(String hazardNumber, EscalationStage stage, int deadlineVersion, HazardEventType type, int level) {
        return hazardNumber + "/" + stage.name().toLowerCase(Locale.ROOT) + "/" + deadlineVersion + "/" + type.type()
                + "/" + level;
    }
}
