package org.hazardloop.process;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.hazardloop.hazard.Assignment;
import org.hazardloop.hazard.FiveImplementations;
import org.hazardloop.hazard.HazardLifecycle;
import org.springframework.stereotype.Component;

/** {@code Task_AssignHazard}: 交办 with the five implementations. */
@Component("assignHazardListener")
public class AssignHazardListener extends StepTaskListener {

    private static final List<String> INPUTS = List.of(Assignment.GRADE, Assignment.RISK_LEVEL, Assignment.MEASURES,
            Assignment.RESPONSIBLE_DEPARTMENT, Assignment.RESPONSIBLE_PERSON, Assignment.FUNDS, Assignment.DEADLINE,
            Assignment.CONTINGENCY_PLAN);

    private final HazardLifecycle lifecycle;

    public AssignHazardListener(HazardLifecycle lifecycle, CurrentActor currentActor) {
        super(currentActor);
        this.lifecycle = lifecycle;
    }

    @Override
    protected List<String> inputVariables() {
        return INPUTS;
    }

    @Override
    protected void complete(DelegateTask task, String hazardNumber, String actor) {
        Assignment assignment = lifecycle.assign(hazardNumber, actor, task.getVariables());
        FiveImplementations five = assignment.fiveImplementations();
        // Typed, normalised values: the grade gateway, the rectification task's candidate group and due date,
        // and the later forms' read-only context read these instead of whatever form or client submitted.
        task.setVariable(Assignment.GRADE, assignment.grade().name());
        task.setVariable(Assignment.RISK_LEVEL, assignment.riskLevel().name());
        task.setVariable(Assignment.MEASURES, five.measures());
        task.setVariable(Assignment.RESPONSIBLE_DEPARTMENT, five.responsibleDepartment());
        task.setVariable(Assignment.RESPONSIBLE_PERSON, five.responsiblePerson());
        task.setVariable(Assignment.FUNDS, five.funds().doubleValue());
        task.setVariable(Assignment.DEADLINE, Date.from(five.deadline().toInstant()));
        task.setVariable(Assignment.CONTINGENCY_PLAN, five.contingencyPlan());
    }
}
