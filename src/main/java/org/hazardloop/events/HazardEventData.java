package org.hazardloop.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Map;

/**
 * The JSON {@code data} of a hazard event: where the hazard stands after the step, and the step itself.
 * Fields a hazard does not have yet (grade before assignment, ...) are left out. Date-times are ISO-8601
 * strings with the offset they were recorded with.
 *
 * @param sequence the position of the step in the hazard's timeline (1 = reported): orders one hazard's events
 * @param hazard   title, sector, place, grade, who is responsible: plain fields of the JSON
 * @param status   the ledger status after the step
 * @param actor    the user (or reporting system) who took the step
 * @param values   the values entered at the step, as in the timeline; for {@code hazard.closed}, those of the
 *                 final approval (verification or close-out approval)
 * @param link     the hazard in the application's REST API
 */
public record HazardEventData(
        String hazardNumber,
        int sequence,
        @JsonUnwrapped HazardFacts hazard,
        String status,
        String deadline,
        String actor,
        String occurredAt,
        Map<String, ?> values,
        String link) {
}
