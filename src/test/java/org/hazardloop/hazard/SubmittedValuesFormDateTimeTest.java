package org.hazardloop.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The deadline fields of the Camunda Forms are form-js datetime fields; Tasklist submits what form-js
 * serialises, as a plain string. Each of form-js's time formats must read as the moment the user picked.
 */
class SubmittedValuesFormDateTimeTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            // timeSerializingFormat utc_offset, the one the forms use: minutes and "+HH:mm"
            "utc_offset,     2026-05-01T10:00+08:00, 2026-05-01T02:00:00Z",
            "utc_offset_neg, 2026-05-01T10:00-03:30, 2026-05-01T13:30:00Z",
            // utc_normalized: UTC with a Z
            "utc_normalized, 2026-05-01T02:00Z,      2026-05-01T02:00:00Z",
            // no_timezone: read in the offices' zone
            "no_timezone,    2026-05-01T10:00,       2026-05-01T02:00:00Z",
            // subtype date: the end of that day in the offices' zone
            "date,           2026-05-01,             2026-05-01T15:59:59Z"})
    void readsEveryFormJsDateTimeFormat(String format, String submitted, String expectedInstant) {
        SubmittedValues values = new SubmittedValues(Map.of("deadline", submitted), SHANGHAI);

        OffsetDateTime parsed = values.requiredFutureDateTime("deadline", "整改时限", NOW);

        assertThat(values.hasViolations()).isFalse();
        assertThat(parsed.toInstant()).isEqualTo(Instant.parse(expectedInstant));
    }

    @Test
    void aDeadlineTheFormCannotHaveProducedIsRefusedWithTheExpectedFormat() {
        SubmittedValues values = new SubmittedValues(Map.of("deadline", "2026/05/01 10:00"), ZoneOffset.UTC);

        assertThat(values.requiredDateTime("deadline", "整改时限")).isNull();
        assertThat(values.hasViolations()).isTrue();
    }
}
