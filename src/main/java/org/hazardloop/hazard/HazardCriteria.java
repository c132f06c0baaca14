package org.hazardloop.hazard;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Filters of a ledger query; a null (or empty) filter does not restrict.
 *
 * @param statuses              any of these statuses
 * @param gridUnit              this grid unit and its whole subtree
 * @param overdue               true: deadline passed while rectifying or awaiting an extension; false: not so
 * @param minEscalationLevel    the missed deadline in force escalated to this level or higher (0 = overdue notice sent)
 * @param escalationTarget      the department notified at the level reached: the one that must act
 * @param reportedFrom          reported at or after (inclusive)
 * @param reportedTo            reported before (exclusive)
 */
public record HazardCriteria(
        Set<HazardStatus> statuses,
        Grade grade,
        Sector sector,
        String gridUnit,
        String responsibleDepartment,
        Boolean overdue,
        Integer minEscalationLevel,
        String escalationTarget,
        OffsetDateTime reportedFrom,
        OffsetDateTime reportedTo) {

    public HazardCriteria {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }
}
