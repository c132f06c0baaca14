package org.hazardloop.hazard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RectificationTest {

    private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final OffsetDateTime DEADLINE = OffsetDateTime.parse("2026-12-01T18:00:00+08:00");

    @Test
    void aSubmissionNeedsAReportAndTheActualCost() {
        Rectification rectification = Rectification.parse(
                Map.of("rectificationOutcome", "SUBMIT", "rectificationReport", "已更换电缆", "actualCost", "800"),
                DEADLINE, NOW, SHANGHAI);

        assertThat(rectification.outcome()).isEqualTo(RectificationOutcome.SUBMIT);
        assertThat(rectification.actualCost()).isEqualByComparingTo("800");

        assertThatThrownBy(() -> Rectification.parse(Map.of("rectificationOutcome", "SUBMIT"), DEADLINE, NOW, SHANGHAI))
                .isInstanceOfSatisfying(HazardRuleViolation.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactlyInAnyOrder("rectificationReport", "actualCost"));
    }

    @Test
    void anExtensionNeedsALaterDeadlineAndInterimMeasures() {
        Rectification rectification = Rectification.parse(Map.of("rectificationOutcome", "REQUEST_EXTENSION",
                        "requestedDeadline", "2026-12-20T18:00:00+08:00", "interimMeasures", "设置警戒区，每日巡查"),
                DEADLINE, NOW, SHANGHAI);

        assertThat(rectification.requestedDeadline()).isEqualTo(OffsetDateTime.parse("2026-12-20T18:00:00+08:00"));

        assertThatThrownBy(() -> Rectification.parse(Map.of("rectificationOutcome", "REQUEST_EXTENSION",
                        "requestedDeadline", "2026-11-30T18:00:00+08:00", "interimMeasures", "设置警戒区"),
                DEADLINE, NOW, SHANGHAI))
                .hasMessageContaining("申请延期至必须晚于现行整改时限");
        assertThatThrownBy(() -> Rectification.parse(Map.of("rectificationOutcome", "REQUEST_EXTENSION",
                        "requestedDeadline", "2026-12-20T18:00:00+08:00"), DEADLINE, NOW, SHANGHAI))
                .hasMessageContaining("interimMeasures");
    }

    @Test
    void theOutcomeMustBeChosen() {
        assertThatThrownBy(() -> Rectification.parse(Map.of("rectificationReport", "已整改"), DEADLINE, NOW, SHANGHAI))
                .hasMessageContaining("rectificationOutcome");
        assertThatThrownBy(() -> Rectification.parse(Map.of("rectificationOutcome", "IGNORE"), DEADLINE, NOW, SHANGHAI))
                .hasMessageContaining("办理结果取值无效");
    }
}
