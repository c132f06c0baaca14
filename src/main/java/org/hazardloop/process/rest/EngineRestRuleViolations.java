package org.hazardloop.process.rest;

import java.util.Set;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/** Registers the refusal mappers with the engine REST API at {@code /engine-rest}. */
@Component
public class EngineRestRuleViolations implements ResourceConfigCustomizer {

    /** The mappers, also registered with the web apps' engine API. */
    static final Set<Class<?>> MAPPERS = Set.of(RuleViolationRestExceptionMapper.class,
            RuleViolationEngineExceptionMapper.class, RuleViolationExceptionMapper.class);

    @Override
    public void customize(ResourceConfig config) {
        config.registerClasses(MAPPERS);
    }
}
