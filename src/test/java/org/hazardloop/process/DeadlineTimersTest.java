package org.hazardloop.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.hazardloop.hazard.HazardLoopProperties;
import org.hazardloop.hazard.escalation.EscalationSchedule;
import org.junit.jupiter.api.Test;

/** The escalation schedule as a Camunda time cycle: a start date and as many firings as levels are left. */
class DeadlineTimersTest {

    private final DeadlineTimers timers = new DeadlineTimers(null, new HazardLoopProperties(ZoneId.of("Asia/Shanghai")));

    @Test
    void threeEscalationsAreTheStartDateAndTwoRepetitions() {
        EscalationSchedule schedule = new EscalationSchedule(Instant.parse("2026-06-04T10:00:00Z"), Duration.ofDays(1), 3);

        assertThat(timers.cycle(schedule)).isEqualTo("R2/2026-06-04T18:00:00+08:00/PT24H");
    }

    @Test
    void withNothingLeftTheCycleFiresOnce() {
        EscalationSchedule schedule = new EscalationSchedule(Instant.parse("2026-06-04T10:00:00.250Z"), Duration.ofSeconds(3), 0);

        assertThat(timers.cycle(schedule)).isEqualTo("R0/2026-06-04T18:00:00.25+08:00/PT3S");
    }
}
