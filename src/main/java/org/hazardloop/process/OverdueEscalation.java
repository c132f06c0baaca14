package org.hazardloop.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.hazardloop.hazard.escalation.DeadlineEscalation;
import org.springframework.stereotype.Component;

/**
 * {@code EndEvent_EscalatedOneLevelUp} (逐级督办): the hazard is still overdue after another escalation interval and
 * the next level up the grid is told, in the timer job's transaction. Whether an escalation is still due, and to
 * whom, is the domain's to judge: a firing after submission or at the top of the grid records nothing.
 */
@Component("overdueEscalation")
public class OverdueEscalation implements JavaDelegate {

    private final DeadlineEscalation escalation;

    public OverdueEscalation(DeadlineEscalation escalation) {
        this.escalation = escalation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // The business key, set once by reporting; never a variable a task completion could have sent.
        escalation.escalateOverdue(execution.getProcessBusinessKey());
    }
}
