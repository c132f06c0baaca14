package org.hazardloop.process.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * {@code POST /task/{id}/complete} and {@code /submit-form} turn every engine exception into a
 * RestException with status 500. A refused step is the user's mistake, not a server fault: 400.
 * Everything else goes to Camunda's own handler unchanged.
 */
@Provider
@Priority(RuleViolationResponses.BEFORE_CAMUNDA_MAPPERS)
public class RuleViolationRestExceptionMapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
        return RuleViolationResponses.badRequest(exception)
                .orElseGet(() -> camunda.toResponse(exception));
    }
}
