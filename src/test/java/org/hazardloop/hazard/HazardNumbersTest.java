package org.hazardloop.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Year;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.incrementer.AbstractDataFieldMaxValueIncrementer;

class HazardNumbersTest {

    @Test
    void numbersCarryTheYearAndSixDigits() {
        assertThat(HazardNumbers.format(Year.of(2026), 123)).isEqualTo("YH-2026-000123");
        assertThat(HazardNumbers.FORMAT.matcher("YH-2026-000123").matches()).isTrue();
    }

    @Test
    void aYearWithMoreThanAMillionHazardsKeepsCounting() {
        String number = HazardNumbers.format(Year.of(2027), 1_234_567);
        assertThat(number).isEqualTo("YH-2027-1234567");
        assertThat(HazardNumbers.FORMAT.matcher(number).matches()).isTrue();
    }

    @Test
    void eachCallTakesTheNextValueOfTheSequence() {
        AtomicLong sequence = new AtomicLong();
        HazardNumbers numbers = new HazardNumbers(new AbstractDataFieldMaxValueIncrementer() {
            @Override
            protected long getNextKey() {
                return sequence.incrementAndGet();
            }
        });

        assertThat(numbers.next(Year.of(2026))).isEqualTo("YH-2026-000001");
        assertThat(numbers.next(Year.of(2026))).isEqualTo("YH-2026-000002");
    }
}
