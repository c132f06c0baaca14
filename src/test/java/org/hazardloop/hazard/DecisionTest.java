package org.hazardloop.hazard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionTest {

    private static Decision verification(Map<String, ?> values) {
        return Decision.parse(values, "verificationPassed", "验收结论", "verificationComment", "验收意见", "验收结论不完整");
    }

    @Test
    void aPassNeedsNoComment() {
        assertThat(verification(Map.of("verificationPassed", true)).approved()).isTrue();
        assertThat(verification(Map.of("verificationPassed", "true")).approved()).isTrue();
    }

    @Test
    void aFailureMustSayWhy() {
        assertThatThrownBy(() -> verification(Map.of("verificationPassed", false)))
                .hasMessageContaining("verificationComment");
        Decision failed = verification(Map.of("verificationPassed", "false", "verificationComment", "仅纸面整改，现场未改"));
        assertThat(failed.approved()).isFalse();
        assertThat(failed.comment()).isEqualTo("仅纸面整改，现场未改");
    }

    @Test
    void theDecisionMustBeGiven() {
        assertThatThrownBy(() -> verification(Map.of()))
                .isInstanceOfSatisfying(HazardRuleViolation.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("verificationPassed"));
        assertThatThrownBy(() -> verification(Map.of("verificationPassed", "maybe")))
                .hasMessageContaining("验收结论未选择");
    }
}
