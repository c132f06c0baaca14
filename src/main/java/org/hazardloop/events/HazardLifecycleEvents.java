package org.hazardloop.events;

import java.time.OffsetDateTime;
import java.util.Map;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.HazardStepRecorded;
import org.hazardloop.hazard.TimelineAction;
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
    private final HazardEventWriter writer;

    HazardLifecycleEvents(HazardLedger ledger, HazardEventWriter writer) {
        this.ledger = ledger;
        this.writer = writer;
    }

    @EventListener
    public void on(HazardStepRecorded step) {
        HazardEventType.forAction(step.action())
                .filter(type -> type.stream() == HazardEventType.Stream.LIFECYCLE)
                .ifPresent(type -> append(type, step));
    }

    private void append(HazardEventType type, HazardStepRecorded step) {
        String number = step.hazardNumber();
        Hazard hazard = writer.hazard(number);
        // Only the length of the timeline and, for CLOSED, the entry before the last are needed: reading and parsing
        // the whole timeline on every step cost more than the event itself (docs/performance.md).
        // The report is always a hazard's first entry: a burst of reports need not count what it has just written.
        int sequence = step.action() == TimelineAction.REPORTED ? 1 : ledger.timelineLength(number);
        Map<String, ?> values = step.action() == TimelineAction.CLOSED ? finalApproval(number, sequence) : step.values();
        OffsetDateTime occurredAt = HazardEventWriter.eventTime(step.occurredAt());
        HazardEventData data = new HazardEventData(
                number,
                sequence,
                HazardFacts.of(hazard),
                step.statusAfter().name(),
                hazard.deadline() == null ? null : hazard.deadline().toString(),
                step.actor(),
                occurredAt.toString(),
                values == null ? Map.of() : values,
                writer.link(number));
        writer.append(type, number, eventId(number, sequence, type), number, occurredAt, data);
    }

    static String eventId(String hazardNumber, int sequence, HazardEventType type) {
        return hazardNumber + "/" + sequence + "/" + type.type();
    }

    /** The values of the approval that closed the hazard: the last entry before the CLOSED one. */
    private Map<String, ?> finalApproval(String number, int sequence) {
        return sequence < 2 ? Map.of() : ledger.timelineDetails(number, sequence - 1);
    }
}
