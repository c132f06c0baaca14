package org.hazardloop.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.hazardloop.hazard.FieldViolation;

/**
 * Reads the {@code reportedFrom}/{@code reportedTo} parameters: an ISO-8601 date-time with offset, or a
 * plain date read in the offices' zone. A plain {@code reportedTo} includes that whole day.
 */
final class ReportedPeriod {

    static final String FORMAT_HINT = "须为 ISO-8601 日期（如 2025-06-30）或带时区偏移的日期时间（如 2025-06-30T18:00:00+08:00）";

    private ReportedPeriod() {
    }

    static OffsetDateTime from(String raw, ZoneId zone, List<FieldViolation> violations) {
        return parse(raw, "reportedFrom", "上报时间起", zone, false, violations);
    }

    static OffsetDateTime to(String raw, ZoneId zone, List<FieldViolation> violations) {
        return parse(raw, "reportedTo", "上报时间止", zone, true, violations);
    }

    private static OffsetDateTime parse(String raw, String field, String label, ZoneId zone, boolean endOfDay,
                                        List<FieldViolation> violations) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        // An unencoded '+' of an offset arrives as a space (form encoding); ISO-8601 has no spaces otherwise.
        String text = raw.strip().replace(' ', '+');
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException notDateTime) {
            try {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toOffsetDateTime();
            } catch (DateTimeParseException notDate) {
                violations.add(new FieldViolation(field, label + FORMAT_HINT + "：" + text));
                return null;
            }
        }
    }
}
