package org.hazardloop.process.rest;

import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;

/**
 * The engine API that Tasklist, Cockpit and Admin call ({@code /camunda/api/engine}): Camunda's own
 * application, unchanged, plus the refusal mappers. Extending it (rather than listing resources here)
 * keeps exactly the resources Camunda exposes behind the web apps' security filters.
 */
public class WebappEngineRestApplication extends EngineRestApplication {

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(super.getClasses());
        classes.addAll(EngineRestRuleViolations.MAPPERS);
        return classes;
    }
}
