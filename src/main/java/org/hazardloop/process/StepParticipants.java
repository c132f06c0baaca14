package org.hazardloop.process;

import org.hazardloop.hazard.HazardLifecycle;
import org.hazardloop.security.HazardReadGrants;
import org.springframework.stereotype.Component;

/** What every step listener needs besides its own step rule: who acts, the hazard's context, claims and read grants. */
@Component
class StepParticipants {

    private final CurrentActor currentActor;
    private final HazardContextSync context;
    private final HazardLifecycle lifecycle;
    private final HazardReadGrants readGrants;

    StepParticipants(CurrentActor currentActor, HazardContextSync context, HazardLifecycle lifecycle,
                     HazardReadGrants readGrants) {
        this.currentActor = currentActor;
        this.context = context;
        this.lifecycle = lifecycle;
        this.readGrants = readGrants;
    }

    CurrentActor currentActor() {
        return currentActor;
    }

    HazardContextSync context() {
        return context;
    }

    HazardLifecycle lifecycle() {
        return lifecycle;
    }

    HazardReadGrants readGrants() {
        return readGrants;
    }
}
