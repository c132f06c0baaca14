package org.hazardloop.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HazardSummaryTest {

    @ParameterizedTest(name = "{0} of {1} closed is {2}%")
    @CsvSource({
            "0, 1, 0.0",
            "1, 1, 100.0",
            "2, 3, 66.7",
            "1, 3, 33.3",
            "1, 8, 12.5",
            "1, 16, 6.3",
            "1259, 1260, 99.9",
            "1, 2000, 0.1",
            "1, 2001, 0.0"})
    void theCompletionRateIsAPercentageWithOneDecimalRoundedHalfUp(long closed, long total, String rate) {
        assertThat(HazardSummary.completionRate(closed, total)).isEqualByComparingTo(rate);
        assertThat(HazardSummary.completionRate(closed, total).scale()).isEqualTo(1);
    }

    @Test
    void thereIsNoRateWithoutHazards() {
        assertThat(HazardSummary.completionRate(0, 0)).isNull();
    }
}
