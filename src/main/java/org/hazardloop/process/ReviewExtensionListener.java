package org.hazardloop.process;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.hazardloop.hazard.Assignment;
import org.hazardloop.hazard.HazardLifecycle;
import org.springframework.stereotype.Component;

/** {@code Task_ReviewExtension}: the safety office approves or rejects an extension request. */
@Component("reviewExtensionListener")
public class ReviewExtensionListener extends StepTaskListener {

    public static final String EXTENSION_APPROVED = "extensionApproved";
    public static final String EXTENSION_REVIEW_COMMENT = "extensionReviewComment";

    private final HazardLifecycle lifecycle;

    public ReviewExtensionListener(HazardLifecycle lifecycle, CurrentActor currentActor) {
        super(currentActor);
        this.lifecycle = lifecycle;
    }

    @Override
    protected List<String> inputVariables() {
        return List.of(EXTENSION_APPROVED, EXTENSION_REVIEW_COMMENT);
    }

    @Override
    protected void complete(DelegateTask task, String hazardNumber, String actor) {
        OffsetDateTime inForce = lifecycle.reviewExtension(hazardNumber, actor, task.getVariables());
        // The deadline in force moves the rectification task's due date when it is created again.
        task.setVariable(Assignment.DEADLINE, Date.from(inForce.toInstant()));
        Decisions.record(task, EXTENSION_APPROVED, Decisions.approved(task, EXTENSION_APPROVED),
                EXTENSION_REVIEW_COMMENT, Decisions.submittedText(task, EXTENSION_REVIEW_COMMENT));
    }
}
