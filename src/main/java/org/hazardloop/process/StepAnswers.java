package org.hazardloop.process;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** Writes a step's normalised answer back onto the process, where the next forms and the gateways read it. */
final class StepAnswers {

    private StepAnswers() {
    }

    /**
     * Sets the variable only when it does not already hold this value, type included. With full history every write
     * is a history detail row, inserted now and stamped again when the process ends: an answer submitted in its
     * normalised form (a report already trimmed, a cost already a Double) is not written a second time.
     */
    static void keep(DelegateTask task, String name, Object value) {
        if (!Objects.equals(task.getVariable(name), value)) {
            task.setVariable(name, value);
        }
    }
}
