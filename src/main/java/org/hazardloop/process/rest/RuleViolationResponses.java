package org.hazardloop.process.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.hazardloop.hazard.FieldViolation;
import org.hazardloop.hazard.HazardRuleViolation;

/**
 * Turns a refused step into a 400 in the engine REST API's usual error shape ({@code type}, {@code message}),
 * with our Chinese message as the message, not the engine's English wrapping around it.
 */
final class RuleViolationResponses {

    /** Camunda's own mappers carry no priority (= {@code Priorities.USER}); a lower number wins. */
    static final int BEFORE_CAMUNDA_MAPPERS = 1000;

    private RuleViolationResponses() {
    }

    /** The engine wraps a listener's exception (ENGINE-03051 ...) and the REST layer wraps that again. */
    static Optional<HazardRuleViolation> find(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HazardRuleViolation violation) {
                return Optional.of(violation);
            }
        }
        return Optional.empty();
    }

    static Response badRequest(HazardRuleViolation violation) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new RuleViolationDto(HazardRuleViolation.class.getSimpleName(), violation.getMessage(),
                        violation.violations()))
                .build();
    }

    /** Camunda's ExceptionDto fields plus the refused fields, for clients that highlight them. */
    record RuleViolationDto(String type, String message, List<FieldViolation> violations) {
    }
}
