package org.hazardloop.process;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.hazardloop.hazard.HazardLoopProperties;
import org.hazardloop.hazard.escalation.DeadlineEscalation;
import org.hazardloop.hazard.escalation.EscalationSchedule;
import org.springframework.stereotype.Component;

/**
 * The dates of the deadline timers, for the BPMN's timer expressions ({@code ${deadlineTimers.reminderAt(execution)}},
 * ...). The engine evaluates them when the task starts; the dates themselves come from the domain
 * ({@link DeadlineEscalation}), so no process variable has to carry them.
 */
@Component("deadlineTimers")
public class DeadlineTimers {

    private final DeadlineEscalation escalation;
    private final HazardLoopProperties properties;

    public DeadlineTimers(DeadlineEscalation escalation, HazardLoopProperties properties) {
        this.escalation = escalation;
        this.properties = properties;
    }

    /** {@code BoundaryEvent_RectifyDeadlineApproaching}: when the department is reminded. */
    public Date reminderAt(DelegateExecution execution) {
        return Date.from(escalation.reminderAt(execution.getProcessBusinessKey()));
    }

    /** {@code BoundaryEvent_RectifyStillOverdue}: the escalations from the level reached up to the top of the grid. */
    public String escalationCycle(DelegateExecution execution) {
        return cycle(escalation.escalationSchedule(execution.getProcessBusinessKey()));
    }

    /** {@code BoundaryEvent_VerifyDeadlineMissed}: when verification is overdue. */
    public Date verificationDeadline(DelegateExecution execution) {
        return Date.from(escalation.verificationDeadline(execution.getProcessBusinessKey()));
    }

    /**
     * An ISO 8601 repeating interval with a start date, {@code R<n>/<first>/<interval>}. Camunda 7 fires such a
     * cycle at the start date and then once per repetition (its {@code DurationHelper} counts the start date plus
     * {@code n} intervals), so {@code count} firings are {@code R<count - 1>}. With nothing left to escalate, the
     * cycle fires once and finds the top of the grid reached.
     */
    String cycle(EscalationSchedule schedule) {
        int repetitions = Math.max(0, schedule.count() - 1);
        return "R" + repetitions + "/" + format(schedule.first()) + "/" + schedule.interval();
    }

    private String format(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(properties.zone()));
    }
}
