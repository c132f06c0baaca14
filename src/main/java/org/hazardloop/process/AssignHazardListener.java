package org.hazardloop.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.hazardloop.hazard.HazardLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code Task_AssignHazard}: 交办 with the five implementations. The grade and the five implementations become
 * process variables through the context projection written after the step, typed and normalised from the ledger,
 * not as the form or client submitted them.
 */
@Component("assignHazardListener")
public class AssignHazardListener extends StepTaskListener {

    private static final List<String> INPUTS = List.of(ProcessVariables.GRADE, ProcessVariables.RISK_LEVEL,
            ProcessVariables.MEASURES, ProcessVariables.RESPONSIBLE_DEPARTMENT, ProcessVariables.RESPONSIBLE_PERSON,
            ProcessVariables.FUNDS, ProcessVariables.DEADLINE, ProcessVariables.CONTINGENCY_PLAN);

    private final HazardLifecycle lifecycle;

    public AssignHazardListener(HazardLifecycle lifecycle, StepParticipants participants) {
        super(participants);
        this.lifecycle = lifecycle;
    }

    @Override
    protected List<String> inputVariables() {
        return INPUTS;
    }

    @Override
    protected void complete(DelegateTask task, String hazardNumber, String actor) {
        lifecycle.assign(hazardNumber, actor, task.getVariables());
    }
}
