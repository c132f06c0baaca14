package org.hazardloop.events.inbound;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hazardloop.hazard.FieldViolation;
import org.hazardloop.hazard.HazardReport;
import org.hazardloop.hazard.HazardRuleViolation;

/**
 * A hazard report from {@code hazard.reports}: the fields of {@link HazardReport} plus who reported it.
 * Unlike the REST API, where the caller is the reporter and {@code reportId} is optional, a message must
 * name its reporter and carry a {@code reportId}: Kafka delivers at least once, and the id is what makes
 * a redelivered report start nothing.
 */
public record InboundHazardReport(
        String reportId,
        String reporter,
        String title,
        String description,
        String sector,
        String location,
        String gridUnit,
        OffsetDateTime discoveredAt) {

    /** The {@code reporter} column's width. */
    private static final int REPORTER_MAX = 64;

    /** Checks what only a message must have; the report itself is checked by {@code HazardReporting}. */
    void requireIdentity() {
        List<FieldViolation> violations = new ArrayList<>();
        if (reportId == null || reportId.isBlank()) {
            violations.add(new FieldViolation("reportId", "上报编号未填写，消息上报必须带上报编号以防重复"));
        }
        if (reporter == null || reporter.isBlank()) {
            violations.add(new FieldViolation("reporter", "上报人未填写"));
        } else if (reporter.strip().length() > REPORTER_MAX) {
            violations.add(new FieldViolation("reporter", "上报人不能超过 " + REPORTER_MAX + " 个字符"));
        }
        if (!violations.isEmpty()) {
            throw new HazardRuleViolation("隐患上报消息无效", violations);
        }
    }

    HazardReport toHazardReport() {
        return new HazardReport(reportId, title, description, sector, location, gridUnit, discoveredAt);
    }
}
