package org.hazardloop.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * The shape every step listener shares. On {@code create} the task's own input variables are removed,
 * so a step that comes round again (rework, extension, close-out rejection) starts from an empty form
 * and can never pass on the previous round's answers. On {@code complete} the step's domain rule runs
 * with what the user submitted; a refusal ({@code HazardRuleViolation}) rolls the whole completion back.
 */
abstract class StepTaskListener implements TaskListener {

    private final CurrentActor currentActor;

    StepTaskListener(CurrentActor currentActor) {
        this.currentActor = currentActor;
    }

    /** The variables this step's form asks for. */
    protected abstract List<String> inputVariables();

    /** Calls the domain with the submitted values and sets the normalised variables the process needs. */
    protected abstract void complete(DelegateTask task, String hazardNumber, String actor);

    @Override
    public final void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> task.removeVariables(inputVariables());
            case EVENTNAME_COMPLETE -> complete(task, hazardNumber(task), currentActor.of(task));
            default -> {
                // only create and complete are bound in the BPMN
            }
        }
    }

    private static String hazardNumber(DelegateTask task) {
        return (String) task.getVariable(ProcessVariables.HAZARD_NUMBER);
    }
}
