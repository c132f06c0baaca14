package org.hazardloop.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * The shape every step listener shares. On {@code create} the task's own input variables are removed, so a
 * step that comes round again (rework, extension, close-out rejection) starts from an empty form and can never
 * pass on the previous round's answers, and the task is named after its hazard. On {@code complete} a change to
 * the hazard's context is refused, the step's domain rule runs with what the user submitted, and the context is
 * projected again from the updated ledger; a refusal ({@code HazardRuleViolation}) rolls the whole completion back.
 */
abstract class StepTaskListener implements TaskListener {

    private final CurrentActor currentActor;
    private final HazardContextSync context;

    StepTaskListener(CurrentActor currentActor, HazardContextSync context) {
        this.currentActor = currentActor;
        this.context = context;
    }

    /** The variables this step's form asks for. */
    protected abstract List<String> inputVariables();

    /** Calls the domain with the submitted values and sets the step's own variables the process needs next. */
    protected abstract void complete(DelegateTask task, String hazardNumber, String actor);

    @Override
    public final void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> {
                task.removeVariables(inputVariables());
                context.nameTask(task);
            }
            case EVENTNAME_COMPLETE -> {
                String hazardNumber = context.ensureContextUnchanged(task, inputVariables());
                complete(task, hazardNumber, currentActor.of(task));
                context.project(task);
            }
            default -> {
                // only create and complete are bound in the BPMN
            }
        }
    }
}
