package org.hazardloop.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.hazardloop.hazard.escalation.DeadlineEscalation;
import org.springframework.stereotype.Component;

/**
 * {@code EndEvent_OverdueNotified} (逾期): the rectification deadline passed and the responsible department is told
 * (escalation level 0), in the timer job's transaction. Whether the notice is still due is the domain's to judge:
 * a late or repeated firing records nothing.
 */
@Component("overdueNotice")
public class OverdueNotice implements JavaDelegate {

    private final DeadlineEscalation escalation;

    public OverdueNotice(DeadlineEscalation escalation) {
        this.escalation = escalation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // The business key, set once by reporting; never a variable a task completion could have sent.
        escalation.recordOverdue(execution.getProcessBusinessKey());
    }
}
