package org.hazardloop.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.hazardloop.hazard.Decision;
import org.hazardloop.hazard.HazardLifecycle;
import org.springframework.stereotype.Component;

/** {@code Task_ApproveCloseout}: the listing level approves the close-out of a major hazard (摘牌). */
@Component("approveCloseoutListener")
public class ApproveCloseoutListener extends StepTaskListener {

    public static final String CLOSEOUT_APPROVED = "closeoutApproved";
    public static final String CLOSEOUT_COMMENT = "closeoutComment";

    private final HazardLifecycle lifecycle;

    public ApproveCloseoutListener(HazardLifecycle lifecycle, StepParticipants participants) {
        super(participants);
        this.lifecycle = lifecycle;
    }

    @Override
    protected List<String> inputVariables() {
        return List.of(CLOSEOUT_APPROVED, CLOSEOUT_COMMENT);
    }

    @Override
    protected void complete(DelegateTask task, String hazardNumber, String actor) {
        Decision decision = lifecycle.approveCloseout(hazardNumber, actor, task.getVariables());
        // On a rejection the verification form shows this comment: why the close-out was refused.
        Decisions.record(task, CLOSEOUT_APPROVED, decision.approved(), CLOSEOUT_COMMENT, decision.comment());
    }
}
