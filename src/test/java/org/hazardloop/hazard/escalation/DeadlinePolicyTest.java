package org.hazardloop.hazard.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.hazardloop.hazard.Grade;
import org.junit.jupiter.api.Test;

/** The reminder and escalation times with the default settings: 3 days' lead, half the time left, 1 day / 12 hours. */
class DeadlinePolicyTest {

    private static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");

    private final DeadlinePolicy policy = new DeadlinePolicy(Duration.ofDays(3), 0.5, Duration.ofDays(1),
            Duration.ofHours(12), Duration.ofDays(10));

    @Test
    void aDistantDeadlineIsRemindedTheLeadTimeBefore() {
        Instant deadline = NOW.plus(Duration.ofDays(10));

        assertThat(policy.reminderAt(deadline, NOW)).isEqualTo(deadline.minus(Duration.ofDays(3)));
    }

    @Test
    void aDeadlineCloserThanTheLeadTimeIsRemindedHalfWay() {
        Instant deadline = NOW.plus(Duration.ofHours(30));

        assertThat(policy.reminderAt(deadline, NOW)).isEqualTo(NOW.plus(Duration.ofHours(15)));
        assertThat(policy.reminderAt(NOW.plus(Duration.ofDays(3)), NOW)).as("exactly the lead time away")
                .isEqualTo(NOW.plus(Duration.ofMillis(Duration.ofDays(3).toMillis() / 2)));
    }

    @Test
    void aPassedDeadlineHasNoReminderBeforeIt() {
        Instant deadline = NOW.minus(Duration.ofHours(1));

        assertThat(policy.reminderAt(deadline, NOW)).isEqualTo(deadline);
    }

    @Test
    void escalationsFollowTheDeadlineOneIntervalApartUpToTheTop() {
        Instant deadline = NOW.plus(Duration.ofDays(2));

        assertThat(policy.escalationSchedule(deadline, Grade.GENERAL, null, 3, NOW))
                .isEqualTo(new EscalationSchedule(deadline.plus(Duration.ofDays(1)), Duration.ofDays(1), 3));
        assertThat(policy.escalationSchedule(deadline, Grade.MAJOR, null, 3, NOW))
                .isEqualTo(new EscalationSchedule(deadline.plus(Duration.ofHours(12)), Duration.ofHours(12), 3));
    }

    @Test
    void escalationResumesAtTheNextSlotAheadWithTheLevelsStillToGo() {
        Instant deadline = NOW.minus(Duration.ofHours(60));

        // level 1 was reached; two and a half intervals have passed: level 2 comes at the third slot, not at once
        assertThat(policy.escalationSchedule(deadline, Grade.GENERAL, 1, 3, NOW))
                .isEqualTo(new EscalationSchedule(deadline.plus(Duration.ofDays(3)), Duration.ofDays(1), 2));
        // overdue notice only, its first interval not over yet: level 1 is due at the first slot as usual
        assertThat(policy.escalationSchedule(NOW.minus(Duration.ofHours(2)), Grade.GENERAL, 0, 3, NOW))
                .isEqualTo(new EscalationSchedule(NOW.plus(Duration.ofHours(22)), Duration.ofDays(1), 3));
    }

    @Test
    void atTheTopNothingIsLeftToEscalate() {
        assertThat(policy.escalationSchedule(NOW.minus(Duration.ofDays(5)), Grade.GENERAL, 3, 3, NOW).count()).isZero();
    }

    @Test
    void verificationIsDueTheConfiguredPeriodAfterSubmission() {
        OffsetDateTime submitted = OffsetDateTime.of(2026, 6, 1, 10, 0, 0, 0, ZoneOffset.ofHours(8));

        assertThat(policy.verificationDeadline(submitted)).isEqualTo(submitted.plusDays(10));
    }

    @Test
    void nonsensicalSettingsAreRefusedAtStartUp() {
        assertThatThrownBy(() -> new DeadlinePolicy(Duration.ZERO, 0.5, Duration.ofDays(1), Duration.ofHours(12),
                Duration.ofDays(10))).hasMessageContaining("reminder-lead-time");
        assertThatThrownBy(() -> new DeadlinePolicy(Duration.ofDays(3), 1.0, Duration.ofDays(1), Duration.ofHours(12),
                Duration.ofDays(10))).hasMessageContaining("reminder-fraction");
        assertThatThrownBy(() -> new DeadlinePolicy(Duration.ofDays(3), 0.5, Duration.ofDays(1), Duration.ofHours(-1),
                Duration.ofDays(10))).hasMessageContaining("interval.major");
    }
}
