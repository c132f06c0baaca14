package org.hazardloop.hazard.escalation;

import java.time.OffsetDateTime;
import org.hazardloop.hazard.TimelineAction;

/**
 * A deadline notice was written to a hazard's timeline: a reminder, an overdue notice or an escalation. Published
 * synchronously, inside the timer job's transaction, right after the timeline entry, so the event outbox commits or
 * rolls back with it.
 *
 * @param action          {@code DEADLINE_APPROACHING}, {@code OVERDUE} or {@code ESCALATED}
 * @param deadline        the deadline the notice is about (the rectification or the verification deadline)
 * @param deadlineVersion which of the hazard's deadlines of that stage it is, counted from 1
 * @param overdueSince    since when the deadline is missed; null for a reminder
 * @param target          who is told, and so must act
 * @param occurredAt      the timeline entry's time
 */
public record HazardEscalationRecorded(
        String hazardNumber,
        TimelineAction action,
        EscalationStage stage,
        OffsetDateTime deadline,
        int deadlineVersion,
        OffsetDateTime overdueSince,
        EscalationTarget target,
        OffsetDateTime occurredAt) {
}
