package org.hazardloop.hazard;

import java.time.OffsetDateTime;
import java.util.Map;

/** A timeline entry to append: who did what to the hazard when, the status it left, and the values they gave. */
public record NewTimelineEntry(
        String hazardNumber,
        OffsetDateTime occurredAt,
        String actor,
        TimelineAction action,
        HazardStatus statusAfter,
        Map<String, ?> details) {
}
