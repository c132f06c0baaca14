package org.hazardloop.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The bare timer baseline's only work: note when its timer fired, by business key. Nothing else: the firing rate
 * it yields is the engine's own (acquisition, locking, execution, history) with this job executor and pool.
 */
public class BareTimerFired implements JavaDelegate {

    static final Map<String, Long> FIRED = new ConcurrentHashMap<>();

    @Override
    public void execute(DelegateExecution execution) {
        FIRED.putIfAbsent(execution.getProcessBusinessKey(), System.currentTimeMillis());
    }
}
