package org.hazardloop.events;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.HazardNotFound;
import org.hazardloop.hazard.HazardStepRecorded;
import org.hazardloop.hazard.TimelineAction;
import org.hazardloop.hazard.TimelineEntry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns each recorded hazard step into a CloudEvent in the outbox, in the step's own transaction
 * (the listener runs synchronously; if the append fails, the step fails).
 *
 * <p>Event id: {@code <hazard number>/<sequence>/<type>}, where sequence is the step's position in the
 * hazard's timeline. Steps of one hazard lock its ledger row, so only that step can have that position:
 * the same step always yields the same id, and a consumer drops duplicates by id.
 */
@Component
public class HazardLifecycleEvents {

    private final HazardLedger ledger;
    private final EventOutbox outbox;
    private final EventsProperties properties;
    private final String publicUrl;

    public HazardLifecycleEvents(HazardLedger ledger, EventOutbox outbox, EventsProperties properties,
                                 @Value("${hazardloop.public-url:http://localhost:8080}") String publicUrl) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.properties = properties;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @EventListener
    public void on(HazardStepRecorded step) {
        HazardEventType.forAction(step.action())
                .filter(type -> type.stream() == HazardEventType.Stream.LIFECYCLE)
                .ifPresent(type -> append(type, step));
    }

    private void append(HazardEventType type, HazardStepRecorded step) {
        String number = step.hazardNumber();
        Hazard hazard = ledger.find(number).orElseThrow(() -> new HazardNotFound(number));
        List<TimelineEntry> timeline = ledger.timeline(number);
        int sequence = timeline.size();
        Map<String, ?> values = step.action() == TimelineAction.CLOSED ? finalApproval(timeline) : step.values();
        // rounded to the microseconds the database stores, so the event's time is the timeline entry's time
        OffsetDateTime occurredAt = step.occurredAt().plusNanos(500).truncatedTo(ChronoUnit.MICROS);
        HazardEventData data = new HazardEventData(
                number,
                sequence,
                hazard.title(),
                hazard.sector().name(),
                hazard.location(),
                hazard.gridUnit(),
                hazard.safetyOffice(),
                hazard.grade() == null ? null : hazard.grade().name(),
                hazard.riskLevel() == null ? null : hazard.riskLevel().name(),
                step.statusAfter().name(),
                hazard.responsibleDepartment(),
                hazard.responsiblePerson(),
                hazard.deadline() == null ? null : hazard.deadline().toString(),
                step.actor(),
                occurredAt.toString(),
                values == null ? Map.of() : values,
                publicUrl + "/api/hazards/" + number);
        outbox.append(new OutboxMessage(
                type.stream().topic(properties.topics()),
                number,
                eventId(number, sequence, type),
                type.type(),
                number,
                number,
                occurredAt,
                data));
    }

    static String eventId(String hazardNumber, int sequence, HazardEventType type) {
        return hazardNumber + "/" + sequence + "/" + type.type();
    }

    /** The values of the approval that closed the hazard: the last entry before the CLOSED one. */
    private static Map<String, ?> finalApproval(List<TimelineEntry> timeline) {
        return timeline.size() < 2 ? Map.of() : timeline.get(timeline.size() - 2).details();
    }
}
