package org.hazardloop.hazard;

import java.time.OffsetDateTime;
import java.util.Map;

/** One line of a hazard's append-only timeline, with the values the actor entered. */
public record TimelineEntry(
        long id,
        OffsetDateTime occurredAt,
        String actor,
        TimelineAction action,
        HazardStatus statusAfter,
        Map<String, Object> details) {
}
