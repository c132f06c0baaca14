package org.hazardloop.process.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.hazardloop.hazard.FieldViolation;
import org.hazardloop.hazard.HazardAccessDenied;
import org.hazardloop.hazard.HazardRuleViolation;

/**
 * Turns a refused step into a 400 (or 403) in the engine REST API's usual error shape ({@code type}, {@code message},
 * {@code code}), with our Chinese message as the message, not the engine's English wrapping around it.
 */
final class RuleViolationResponses {

    /** Camunda's own mappers carry no priority (= {@code Priorities.USER}, 5000); a lower number wins. */
    static final int BEFORE_CAMUNDA_MAPPERS = 1000;

    private RuleViolationResponses() {
    }

    /**
     * A 400 if a refusal is behind {@code thrown}: the engine wraps a listener's exception (ENGINE-03051 ...)
     * and the REST layer wraps that again, so the whole cause chain is searched.
     */
    static Optional<Response> badRequest(Throwable thrown) {
        HazardRuleViolation violation = null;
        Integer engineCode = null;
        for (Throwable t = thrown; t != null && violation == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProcessEngineException engine && engineCode == null) {
                engineCode = engine.getCode();
            }
            if (t instanceof HazardRuleViolation found) {
                violation = found;
            }
        }
        return violation == null ? Optional.empty() : Optional.of(badRequest(violation, engineCode));
    }

    /**
     * 400 for a refusal of what was entered; 403 for a refusal of who entered it ({@link HazardAccessDenied}: a step of
     * another department, a claim for someone outside it), as the engine answers its own authorization failures.
     */
    static Response badRequest(HazardRuleViolation violation, Integer engineCode) {
        boolean denied = violation instanceof HazardAccessDenied;
        return Response.status(denied ? Response.Status.FORBIDDEN : Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new RuleViolationDto((denied ? HazardAccessDenied.class : HazardRuleViolation.class).getSimpleName(),
                        violation.getMessage(), engineCode, violation.violations()))
                .build();
    }

    /** Camunda's ExceptionDto fields plus the refused fields, for clients that highlight them. */
    record RuleViolationDto(String type, String message, Integer code, List<FieldViolation> violations) {
    }
}
