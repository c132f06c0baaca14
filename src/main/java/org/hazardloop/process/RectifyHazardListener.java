package org.hazardloop.process;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.hazardloop.hazard.HazardLifecycle;
import org.hazardloop.hazard.Rectification;
import org.hazardloop.hazard.RectificationOutcome;
import org.springframework.stereotype.Component;

/** {@code Task_RectifyHazard}: the department submits its rectification or asks for an extension. */
@Component("rectifyHazardListener")
public class RectifyHazardListener extends StepTaskListener {

    private static final List<String> INPUTS = List.of(Rectification.OUTCOME, Rectification.REPORT,
            Rectification.ACTUAL_COST, Rectification.REQUESTED_DEADLINE, Rectification.INTERIM_MEASURES);

    private final HazardLifecycle lifecycle;

    public RectifyHazardListener(HazardLifecycle lifecycle, StepParticipants participants) {
        super(participants);
        this.lifecycle = lifecycle;
    }

    @Override
    protected List<String> inputVariables() {
        return INPUTS;
    }

    @Override
    protected void complete(DelegateTask task, String hazardNumber, String actor) {
        Rectification rectification = lifecycle.rectify(hazardNumber, actor, task.getVariables());
        StepAnswers.keep(task, Rectification.OUTCOME, rectification.outcome().name());
        // The answer stays visible to the next step's form (verification reads the report, extension review
        // the requested deadline and interim measures) until this task comes round again and clears it.
        if (rectification.outcome() == RectificationOutcome.SUBMIT) {
            StepAnswers.keep(task, Rectification.REPORT, rectification.rectificationReport());
            StepAnswers.keep(task, Rectification.ACTUAL_COST, rectification.actualCost().doubleValue());
            task.removeVariables(List.of(Rectification.REQUESTED_DEADLINE, Rectification.INTERIM_MEASURES));
        } else {
            StepAnswers.keep(task, Rectification.REQUESTED_DEADLINE, Date.from(rectification.requestedDeadline().toInstant()));
            StepAnswers.keep(task, Rectification.INTERIM_MEASURES, rectification.interimMeasures());
            task.removeVariables(List.of(Rectification.REPORT, Rectification.ACTUAL_COST));
        }
        // The last extension decision was shown on this form; it is not news on the next round.
        task.removeVariables(List.of(ReviewExtensionListener.EXTENSION_APPROVED,
                ReviewExtensionListener.EXTENSION_REVIEW_COMMENT));
    }
}
