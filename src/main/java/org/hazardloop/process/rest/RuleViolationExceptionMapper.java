package org.hazardloop.process.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.hazardloop.hazard.HazardRuleViolation;

/** A refusal that reaches the REST layer unwrapped (a listener outside a task event) is a 400 as well. */
@Provider
public class RuleViolationExceptionMapper implements ExceptionMapper<HazardRuleViolation> {

    @Override
    public Response toResponse(HazardRuleViolation violation) {
        return RuleViolationResponses.badRequest(violation, null);
    }
}
