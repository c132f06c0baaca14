package org.hazardloop.hazard.escalation;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.hazardloop.hazard.Grade;

/**
 * When deadlines remind and escalate: plain arithmetic on instants, no engine and no database, so the rules can
 * be read and tested on their own. The BPMN timers get their dates from here (through {@link DeadlineEscalation}).
 */
public final class DeadlinePolicy {

    private final Duration reminderLeadTime;
    private final double reminderFraction;
    private final Map<Grade, Duration> intervals = new EnumMap<>(Grade.class);
    private final Duration verificationPeriod;

    public DeadlinePolicy(Duration reminderLeadTime, double reminderFraction, Duration generalInterval,
                          Duration majorInterval, Duration verificationPeriod) {
        this.reminderLeadTime = positive(reminderLeadTime, "hazardloop.escalation.reminder-lead-time");
        if (!(reminderFraction > 0 && reminderFraction < 1)) {
            throw new IllegalArgumentException("hazardloop.escalation.reminder-fraction must lie between 0 and 1, not "
                    + reminderFraction);
        }
        this.reminderFraction = reminderFraction;
        intervals.put(Grade.GENERAL, positive(generalInterval, "hazardloop.escalation.interval.general"));
        intervals.put(Grade.MAJOR, positive(majorInterval, "hazardloop.escalation.interval.major"));
        this.verificationPeriod = positive(verificationPeriod, "hazardloop.escalation.verification-period");
    }

    /**
     * When to remind the department of {@code deadline}, as seen at {@code now} (when the rectification task
     * starts): the lead time before the deadline; for a deadline closer than the lead time, the configured
     * fraction of the time left before it (0.5: half way). A deadline already passed gets no reminder worth
     * the name: the answer is the deadline itself, and the reminder finds the hazard overdue and stays silent.
     */
    public Instant reminderAt(Instant deadline, Instant now) {
        Duration left = Duration.between(now, deadline);
        if (left.isNegative() || left.isZero()) {
            return deadline;
        }
        Duration lead = left.compareTo(reminderLeadTime) > 0
                ? reminderLeadTime
                : Duration.ofMillis(Math.round(left.toMillis() * reminderFraction));
        return deadline.minus(lead);
    }

    /** How often an overdue hazard of this grade climbs one level up the grid. */
    public Duration interval(Grade grade) {
        return intervals.get(Objects.requireNonNull(grade, "grade"));
    }

    /**
     * The escalations still to come for a missed {@code deadline}. Level k (k = 1 for the safety office of the
     * department's unit, and so on up to {@code topLevel}) is due one interval after level k - 1, the first one
     * interval after the deadline, while the overdue notice itself (level 0) is due at the deadline.
     *
     * <p>When escalation resumes at {@code levelReached} (the task comes back after a rejected extension or a
     * failed verification), the next level is due at the next slot of that rhythm still ahead of {@code now}, so
     * the levels missed while the department was not holding the task do not all arrive at once.
     *
     * @param levelReached the ledger's escalation level for this deadline; null before the overdue notice
     */
    public EscalationSchedule escalationSchedule(Instant deadline, Grade grade, Integer levelReached, int topLevel,
                                                 Instant now) {
        Duration interval = interval(grade);
        int reached = levelReached == null ? 0 : levelReached;
        long slot = reached + 1L;
        Instant first = deadline.plus(interval.multipliedBy(slot));
        if (!first.isAfter(now)) {
            long intervalsPassed = Duration.between(deadline, now).toMillis() / interval.toMillis();
            first = deadline.plus(interval.multipliedBy(intervalsPassed + 1));
        }
        return new EscalationSchedule(first, interval, Math.max(0, topLevel - reached));
    }

    /** Verification is due this long after the rectification was submitted for it. */
    public OffsetDateTime verificationDeadline(OffsetDateTime submittedAt) {
        return submittedAt.plus(verificationPeriod);
    }

    private static Duration positive(Duration duration, String setting) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration, not " + duration);
        }
        return duration;
    }
}
