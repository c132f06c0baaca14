package org.hazardloop.hazard;

import java.time.OffsetDateTime;

/** What the ledger stores when a hazard is reported. */
public record NewHazard(
        String number,
        String reportId,
        String title,
        String description,
        Sector sector,
        String location,
        String gridUnit,
        String gridPath,
        String safetyOffice,
        String supervisingOffice,
        String reporter,
        OffsetDateTime discoveredAt,
        OffsetDateTime reportedAt) {
}
