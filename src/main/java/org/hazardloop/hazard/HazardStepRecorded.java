package org.hazardloop.hazard;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A step was written to a hazard's timeline. Published synchronously, inside the step's transaction,
 * right after the timeline entry: a listener that writes (the event outbox) commits or rolls back
 * with the step, and a listener that fails rolls the step back.
 *
 * @param values the values the actor entered, as stored in the timeline entry
 */
public record HazardStepRecorded(
        String hazardNumber,
        TimelineAction action,
        HazardStatus statusAfter,
        String actor,
        OffsetDateTime occurredAt,
        Map<String, ?> values) {
}
