package org.hazardloop.hazard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A ledger entry (隐患台账) as stored. Fields of later steps are null until the step happens.
 * {@code supervisingOffice} is the listing level (挂牌督办): the safety office that approves a major hazard's close-out.
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
        OffsetDateTime closedAt) {

    /** Overdue: an open hazard whose rectification deadline has passed. */
    public boolean overdueAt(Instant now) {
        return deadline != null
                && (status == HazardStatus.RECTIFYING || status == HazardStatus.EXTENSION_REQUESTED)
                && deadline.toInstant().isBefore(now);
    }
}
