package org.hazardloop.process.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;

/**
 * Resources that let engine exceptions through unwrapped (e.g. message correlation, process instance
 * modification) reach this mapper: a refused step in there is a 400 too.
 */
@Provider
@Priority(RuleViolationResponses.BEFORE_CAMUNDA_MAPPERS)
public class RuleViolationEngineExceptionMapper implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
        return RuleViolationResponses.badRequest(exception)
                .orElseGet(() -> camunda.toResponse(exception));
    }
}
