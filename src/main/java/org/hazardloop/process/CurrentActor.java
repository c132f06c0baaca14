package org.hazardloop.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.hazardloop.hazard.escalation.DeadlineEscalation;
import org.springframework.stereotype.Component;

/**
 * Who is completing a task. Tasklist and the web app's REST API log the user in to the engine, so the
 * engine's authenticated user is the one acting; a call without a login (the plain engine REST API,
 * an embedded caller) falls back to the task's assignee. Nobody at all is {@code null}, which the
 * domain refuses with "请先认领任务再办理".
 */
@Component
public class CurrentActor {

    private final IdentityService identityService;

    public CurrentActor(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** Who acts when nobody is logged in and nobody holds the task: the application itself (a timer, a clean-up). */
    public static final String SYSTEM = DeadlineEscalation.SYSTEM;

    public String of(DelegateTask task) {
        String user = authenticatedUser();
        if (user != null) {
            return user;
        }
        String assignee = task.getAssignee();
        return assignee == null || assignee.isBlank() ? null : assignee;
    }

    /**
     * Who gave a task to its (new) assignee: the logged-in user; without a login the assignee claimed it
     * themselves; with neither (a task handed back by a caller without a login) the application.
     */
    public String ofAssignment(DelegateTask task) {
        String actor = of(task);
        return actor == null ? SYSTEM : actor;
    }

    private String authenticatedUser() {
        // The public IdentityService API returns an engine class; only its user id is read here.
        var authentication = identityService.getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null && !authentication.getUserId().isBlank()) {
            return authentication.getUserId();
        }
        return null;
    }
}
