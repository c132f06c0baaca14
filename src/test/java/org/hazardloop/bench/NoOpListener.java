package org.hazardloop.bench;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

/** The bare Camunda baseline's listeners and delegates: they do nothing, so only the engine's own work is left. */
public class NoOpListener implements TaskListener, ExecutionListener, JavaDelegate {

    @Override
    public void notify(DelegateTask task) {
        // intentionally empty: the baseline measures the engine without the application's step rules
    }

    @Override
    public void notify(DelegateExecution execution) {
        // intentionally empty
    }

    @Override
    public void execute(DelegateExecution execution) {
        // intentionally empty
    }
}
