package org.hazardloop.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.hazardloop.hazard.escalation.DeadlineEscalation;
import org.springframework.stereotype.Component;

/**
 * {@code EndEvent_VerificationEscalated} (验收逾期督办): the verification deadline passed and the safety office above
 * the verifying one is told, in the timer job's transaction. A late or repeated firing records nothing.
 */
@Component("verificationOverdueEscalation")
public class VerificationOverdueEscalation implements JavaDelegate {

    private final DeadlineEscalation escalation;

    public VerificationOverdueEscalation(DeadlineEscalation escalation) {
        this.escalation = escalation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // The business key, set once by reporting; never a variable a task completion could have sent.
        escalation.escalateOverdueVerification(execution.getProcessBusinessKey());
    }
}
