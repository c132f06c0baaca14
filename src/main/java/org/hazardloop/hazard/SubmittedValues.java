package org.hazardloop.hazard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Reads the values a user submitted for a step, whatever path they came by: Camunda Forms in
 * Tasklist send strings and numbers, the engine REST API sends typed values, the app API sends
 * JSON. Each reader records a violation instead of throwing, so one refusal names every bad field.
 */
public final class SubmittedValues {

    private final Map<String, ?> values;
    private final ZoneId zone;
    private final List<FieldViolation> violations = new ArrayList<>();

    public SubmittedValues(Map<String, ?> values, ZoneId zone) {
        this.values = values;
        this.zone = zone;
    }

    public String requiredText(String field, String label, int maxLength) {
        Object raw = values.get(field);
        String text = raw == null ? "" : raw.toString().strip();
        if (text.isEmpty()) {
            violations.add(new FieldViolation(field, label + "未填写"));
            return null;
        }
        if (text.length() > maxLength) {
            violations.add(new FieldViolation(field, label + "不能超过 " + maxLength + " 个字符"));
            return null;
        }
        return text;
    }

    public String optionalText(String field, String label, int maxLength) {
        Object raw = values.get(field);
        if (raw == null || raw.toString().isBlank()) {
            return null;
        }
        return requiredText(field, label, maxLength);
    }

    public BigDecimal requiredNonNegativeAmount(String field, String label) {
        Object raw = values.get(field);
        if (raw == null || raw.toString().isBlank()) {
            violations.add(new FieldViolation(field, label + "未填写"));
            return null;
        }
        try {
            BigDecimal amount = raw instanceof BigDecimal decimal ? decimal : new BigDecimal(raw.toString().strip());
            if (amount.signum() < 0) {
                violations.add(new FieldViolation(field, label + "不能为负数"));
                return null;
            }
            if (amount.scale() > 2 || amount.precision() - amount.scale() > 13) {
                violations.add(new FieldViolation(field, label + "须为不超过两位小数的金额（元）"));
                return null;
            }
            return amount;
        } catch (NumberFormatException e) {
            violations.add(new FieldViolation(field, label + "须为金额数字（元）"));
            return null;
        }
    }

    /** A date-time in the future; a value without an offset is read in the configured zone. */
    public OffsetDateTime requiredFutureDateTime(String field, String label, Instant now) {
        OffsetDateTime value = requiredDateTime(field, label);
        if (value != null && !value.toInstant().isAfter(now)) {
            violations.add(new FieldViolation(field, label + "必须晚于当前时间"));
            return null;
        }
        return value;
    }

    public OffsetDateTime requiredDateTime(String field, String label) {
        Object raw = values.get(field);
        if (raw == null || raw.toString().isBlank()) {
            violations.add(new FieldViolation(field, label + "未填写"));
            return null;
        }
        OffsetDateTime parsed = toDateTime(raw);
        if (parsed == null) {
            violations.add(new FieldViolation(field, label + "须为 ISO-8601 日期时间，如 2026-12-31T18:00:00+08:00"));
        }
        return parsed;
    }

    private OffsetDateTime toDateTime(Object raw) {
        if (raw instanceof Date date) {
            return date.toInstant().atZone(zone).toOffsetDateTime();
        }
        if (raw instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime;
        }
        String text = raw.toString().strip();
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException notLocal) {
                try {
                    // A bare date means the end of that day: the deadline is the whole day.
                    return LocalDate.parse(text).atTime(23, 59, 59).atZone(zone).toOffsetDateTime();
                } catch (DateTimeParseException notDate) {
                    return null;
                }
            }
        }
    }

    public <E extends Enum<E>> E requiredChoice(String field, String label, Class<E> type) {
        Object raw = values.get(field);
        if (raw == null || raw.toString().isBlank()) {
            violations.add(new FieldViolation(field, label + "未选择"));
            return null;
        }
        try {
            return Enum.valueOf(type, raw.toString().strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation(field, label + "取值无效：" + raw));
            return null;
        }
    }

    /** Forms may send a boolean, or "true"/"false" from a radio group. */
    public Boolean requiredYesNo(String field, String label) {
        Object raw = values.get(field);
        if (raw instanceof Boolean bool) {
            return bool;
        }
        if (raw != null && ("true".equalsIgnoreCase(raw.toString().strip()) || "false".equalsIgnoreCase(raw.toString().strip()))) {
            return Boolean.valueOf(raw.toString().strip());
        }
        violations.add(new FieldViolation(field, label + "未选择"));
        return null;
    }

    public void reject(String field, String message) {
        violations.add(new FieldViolation(field, message));
    }

    public boolean hasViolations() {
        return !violations.isEmpty();
    }

    /** Throws when any reader recorded a violation. */
    public void ensureValid(String summary) {
        if (!violations.isEmpty()) {
            throw new HazardRuleViolation(summary, violations);
        }
    }
}
