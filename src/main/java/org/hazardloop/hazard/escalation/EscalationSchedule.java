package org.hazardloop.hazard.escalation;

import java.time.Duration;
import java.time.Instant;

/**
 * Escalations to come: the first at {@code first}, then one every {@code interval}, {@code count} in all
 * (zero when the top of the grid has already been reached).
 */
public record EscalationSchedule(Instant first, Duration interval, int count) {
}
