package org.hazardloop.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.security.HazardReadGrants;

/**
 * The shape every step listener shares. On {@code create} the task's own input variables are removed, so a
 * step that comes round again (rework, extension, close-out rejection) starts from an empty form and can never
 * pass on the previous round's answers, the task is named after its hazard, and the safety offices over the
 * hazard's grid unit may read it. On {@code assignment} (claim, hand-over, give back) the new assignee must belong
 * to the task's department, the claim goes into the hazard's timeline, and the department may from then on hand the
 * task to a colleague. On {@code complete} a change to
 * the hazard's context is refused, the step's domain rule runs with what the user submitted, and the context is
 * projected again from the updated ledger; a refusal ({@code HazardRuleViolation}) rolls the whole completion back.
 */
abstract class StepTaskListener implements TaskListener {

    private final CurrentActor currentActor;
    private final HazardContextSync context;
    private final StepParticipants participants;

    StepTaskListener(StepParticipants participants) {
        this.currentActor = participants.currentActor();
        this.context = participants.context();
        this.participants = participants;
    }

    /** The variables this step's form asks for. */
    protected abstract List<String> inputVariables();

    /** Calls the domain with the submitted values and sets the step's own variables the process needs next. */
    protected abstract void complete(DelegateTask task, String hazardNumber, String actor);

    @Override
    public final void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> {
                // A new task has no variables of its own: a completed form's answers are on its execution. Removed
                // there, the task's own variables are not loaded, a query fewer on every task created.
                task.getExecution().removeVariables(inputVariables());
                Hazard hazard = context.nameTask(task);
                participants.readGrants().taskCreated(task, hazard);
            }
            case EVENTNAME_ASSIGNMENT -> {
                participants.lifecycle().recordClaim(context.hazardNumber(task), currentActor.ofAssignment(task),
                        task.getAssignee(), context.step(task), HazardReadGrants.candidateGroups(task));
                participants.readGrants().taskAssigned(task);
            }
            case EVENTNAME_COMPLETE -> {
                String hazardNumber = context.ensureContextUnchanged(task, inputVariables());
                complete(task, hazardNumber, currentActor.of(task));
                context.project(task);
            }
            default -> {
                // only create, assignment and complete are bound in the BPMN
            }
        }
    }
}
