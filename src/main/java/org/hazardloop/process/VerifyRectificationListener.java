package org.hazardloop.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.hazardloop.hazard.Decision;
import org.hazardloop.hazard.HazardLifecycle;
import org.springframework.stereotype.Component;

/** {@code Task_VerifyRectification}: someone other than the rectifier checks the result. */
@Component("verifyRectificationListener")
public class VerifyRectificationListener extends StepTaskListener {

    public static final String VERIFICATION_PASSED = "verificationPassed";
    public static final String VERIFICATION_COMMENT = "verificationComment";

    private final HazardLifecycle lifecycle;

    public VerifyRectificationListener(HazardLifecycle lifecycle, StepParticipants participants) {
        super(participants);
        this.lifecycle = lifecycle;
    }

    @Override
    protected List<String> inputVariables() {
        return List.of(VERIFICATION_PASSED, VERIFICATION_COMMENT);
    }

    @Override
    protected void complete(DelegateTask task, String hazardNumber, String actor) {
        Decision decision = lifecycle.verify(hazardNumber, actor, task.getVariables());
        // On a rework the rectification form shows this comment: what to fix.
        Decisions.record(task, VERIFICATION_PASSED, decision.approved(), VERIFICATION_COMMENT, decision.comment());
    }
}
