package org.hazardloop.hazard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A ledger entry (隐患台账) as stored. Fields of later steps are null until the step happens.
 * {@code supervisingOffice} is the listing level (挂牌督办): the safety office that approves a major hazard's close-out.
 *
 * @param deadlineVersion      how many rectification deadlines the hazard has had: 1 once assigned, one more per
 *                             approved extension; 0 before assignment
 * @param escalationLevel      how far the missed deadline in force has been escalated up the grid: null before the
 *                             overdue notice, 0 = the responsible department was told, 1 = the safety office of its
 *                             unit, 2 = the safety office above, ...; starts again with a new deadline
 * @param escalationTarget     the department notified at {@code escalationLevel}: the one that must act now
 * @param verificationDeadline 验收时限, set when a rectification is submitted for verification
 */
public record Hazard(
        String number,
        String reportId,
        String title,
        String description,
        Sector sector,
        String location,
        String gridUnit,
        String safetyOffice,
        String supervisingOffice,
        String reporter,
        OffsetDateTime discoveredAt,
        OffsetDateTime reportedAt,
        String processInstanceId,
        HazardStatus status,
        Grade grade,
        RiskLevel riskLevel,
        String measures,
        String responsibleDepartment,
        String responsiblePerson,
        BigDecimal funds,
        OffsetDateTime deadline,
        String contingencyPlan,
        String assignedBy,
        String rectifiedBy,
        String extensionRequestedBy,
        OffsetDateTime requestedDeadline,
        int reworkCount,
        String closedBy,
        OffsetDateTime closedAt,
        int deadlineVersion,
        Integer escalationLevel,
        String escalationTarget,
        OffsetDateTime verificationDeadline) {

    /**
     * Overdue: an open hazard whose rectification deadline has passed. Judged from the deadline itself, not from
     * whether the overdue timer has fired yet, so lists, statistics and this flag agree at every instant.
     */
    public boolean overdueAt(Instant now) {
        return deadline != null
                && (status == HazardStatus.RECTIFYING || status == HazardStatus.EXTENSION_REQUESTED)
                && deadline.toInstant().isBefore(now);
    }

    /** Since when the hazard is overdue: the deadline it missed; null when it is not overdue at {@code now}. */
    public OffsetDateTime overdueSince(Instant now) {
        return overdueAt(now) ? deadline : null;
    }
}
