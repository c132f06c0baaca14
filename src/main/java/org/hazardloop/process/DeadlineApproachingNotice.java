package org.hazardloop.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.hazardloop.hazard.escalation.DeadlineEscalation;
import org.springframework.stereotype.Component;

/**
 * {@code EndEvent_DeadlineApproachingNotified} (临期提醒): the rectification deadline is near and the responsible
 * department is reminded, in the timer job's transaction. Whether the reminder is still due is the domain's to
 * judge: a late or repeated firing records nothing.
 */
@Component("deadlineApproachingNotice")
public class DeadlineApproachingNotice implements JavaDelegate {

    private final DeadlineEscalation escalation;

    public DeadlineApproachingNotice(DeadlineEscalation escalation) {
        this.escalation = escalation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // The business key, set once by reporting; never a variable a task completion could have sent.
        escalation.remindDeadlineApproaching(execution.getProcessBusinessKey());
    }
}
