package org.hazardloop.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls that the application makes on its own behalf, not on the user's: looking up who belongs to
 * which department, and writing the authorizations the organisation dictates. The engine checks authorizations
 * only while a user is authenticated on the thread, so the user's authentication is set aside for the call and
 * put back afterwards, whatever happens.
 * <p>
 * Hand-written because the engine's own way to do this ({@code CommandContext.runWithoutAuthorization}) is an
 * engine-internal class; this uses only the public {@link IdentityService}.
 */
@Component
public class EngineSystemCalls {

    private final IdentityService identityService;

    public EngineSystemCalls(IdentityService identityService) {
        this.identityService = identityService;
    }

    public <T> T call(Supplier<T> work) {
        // The public IdentityService API hands out and takes back an engine class; it is not looked into here.
        var user = identityService.getCurrentAuthentication();
        if (user == null) {
            return work.get();
        }
        identityService.clearAuthentication();
        try {
            return work.get();
        } finally {
            identityService.setAuthentication(user);
        }
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
