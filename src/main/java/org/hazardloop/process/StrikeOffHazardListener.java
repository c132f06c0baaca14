package org.hazardloop.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.hazardloop.hazard.HazardLifecycle;
import org.springframework.stereotype.Component;

/** {@code EndEvent_HazardClosed}: the loop is closed, strike the ledger entry off (销号). */
@Component("strikeOffHazardListener")
public class StrikeOffHazardListener implements ExecutionListener {

    private final HazardLifecycle lifecycle;

    public StrikeOffHazardListener(HazardLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void notify(DelegateExecution execution) {
        lifecycle.strikeOff((String) execution.getVariable(ProcessVariables.HAZARD_NUMBER));
    }
}
