package org.hazardloop.hazard;

import java.time.OffsetDateTime;

/**
 * A hazard as reported by an inspector, an enterprise self-check, a sensor or a tip-off.
 * {@code reportId} is the client's own id: the same report sent twice starts one hazard.
 */
public record HazardReport(
        String reportId,
        String title,
        String description,
        String sector,
        String location,
        String gridUnit,
        OffsetDateTime discoveredAt) {
}
