package org.hazardloop.events;

import org.hazardloop.hazard.Hazard;

/**
 * What the data of every hazard event, on either stream, says about the hazard itself. The data records carry it
 * {@code @JsonUnwrapped}, so these are plain fields of the event's JSON (docs/events.md), not a nested object.
 *
 * @param grade     {@code GENERAL} or {@code MAJOR}; absent before assignment
 * @param riskLevel {@code RED}, {@code ORANGE}, {@code YELLOW} or {@code BLUE}; absent before assignment
 */
public record HazardFacts(
        String title,
        String sector,
        String location,
        String gridUnit,
        String safetyOffice,
        String grade,
        String riskLevel,
        String responsibleDepartment,
        String responsiblePerson) {

    static HazardFacts of(Hazard hazard) {
        return new HazardFacts(
                hazard.title(),
                hazard.sector().name(),
                hazard.location(),
                hazard.gridUnit(),
                hazard.safetyOffice(),
                hazard.grade() == null ? null : hazard.grade().name(),
                hazard.riskLevel() == null ? null : hazard.riskLevel().name(),
                hazard.responsibleDepartment(),
                hazard.responsiblePerson());
    }
}
