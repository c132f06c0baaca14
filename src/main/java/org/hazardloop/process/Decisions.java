package org.hazardloop.process;

import java.time.ZoneOffset;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.hazardloop.hazard.SubmittedValues;

/** Normalises a yes/no step's answer into the typed variables its gateway and the next forms read. */
final class Decisions {

    private Decisions() {
    }

    /** The submitted decision as a Boolean; called after the domain accepted it, so it is a valid yes/no. */
    static boolean approved(DelegateTask task, String field) {
        return Boolean.TRUE.equals(new SubmittedValues(task.getVariables(), ZoneOffset.UTC).requiredYesNo(field, field));
    }

    /** Sets the decision and keeps the comment trimmed, or drops an empty one, for the next form to show. */
    static void record(DelegateTask task, String decisionField, boolean approved, String commentField, String comment) {
        StepAnswers.keep(task, decisionField, approved);
        if (comment == null || comment.isBlank()) {
            task.removeVariable(commentField);
        } else {
            StepAnswers.keep(task, commentField, comment.strip());
        }
    }

    static String submittedText(DelegateTask task, String field) {
        Object raw = task.getVariable(field);
        return raw == null ? null : raw.toString();
    }
}
