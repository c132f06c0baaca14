package org.hazardloop.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.hazardloop.hazard.HazardLifecycle;
import org.springframework.stereotype.Component;

/** {@code Task_ReviewExtension}: the safety office approves or rejects an extension request. */
@Component("reviewExtensionListener")
public class ReviewExtensionListener extends StepTaskListener {

    public static final String EXTENSION_APPROVED = "extensionApproved";
    public static final String EXTENSION_REVIEW_COMMENT = "extensionReviewComment";

    private final HazardLifecycle lifecycle;

    public ReviewExtensionListener(HazardLifecycle lifecycle, StepParticipants participants) {
        super(participants);
        this.lifecycle = lifecycle;
    }

    @Override
    protected List<String> inputVariables() {
        return List.of(EXTENSION_APPROVED, EXTENSION_REVIEW_COMMENT);
    }

    @Override
    protected void complete(DelegateTask task, String hazardNumber, String actor) {
        // The deadline in force reaches the rectification task's due date through the context projection.
        lifecycle.reviewExtension(hazardNumber, actor, task.getVariables());
        Decisions.record(task, EXTENSION_APPROVED, Decisions.approved(task, EXTENSION_APPROVED),
                EXTENSION_REVIEW_COMMENT, Decisions.submittedText(task, EXTENSION_REVIEW_COMMENT));
    }
}
