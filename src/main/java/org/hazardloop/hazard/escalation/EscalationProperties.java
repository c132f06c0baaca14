package org.hazardloop.hazard.escalation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code hazardloop.escalation.*}: when deadlines remind and escalate (docs/configuration.md).
 *
 * @param reminderLeadTime   how long before the rectification deadline the department is reminded
 * @param reminderFraction   for a deadline closer than the lead time when the task starts: the share of the time
 *                           left that the reminder comes before the deadline (0.5 = half way)
 * @param interval           how often an overdue hazard climbs one level up the grid, per grade
 * @param verificationPeriod how long verification may take after a rectification is submitted
 */
@ConfigurationProperties("hazardloop.escalation")
public record EscalationProperties(
        @DefaultValue("3d") Duration reminderLeadTime,
        @DefaultValue("0.5") double reminderFraction,
        @DefaultValue Intervals interval,
        @DefaultValue("10d") Duration verificationPeriod) {

    /** The escalation interval of each grade: a major hazard climbs the grid faster. */
    public record Intervals(
            @DefaultValue("1d") Duration general,
            @DefaultValue("12h") Duration major) {
    }
}
