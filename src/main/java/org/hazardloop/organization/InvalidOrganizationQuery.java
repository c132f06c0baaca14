package org.hazardloop.organization;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A query parameter of the organisation API with a value it cannot use: 400 as RFC 9457 problem details. */
public class InvalidOrganizationQuery extends ErrorResponseException {

    public InvalidOrganizationQuery(String parameter, String detail) {
        super(HttpStatus.BAD_REQUEST, problem(parameter, detail), null);
    }

    private static ProblemDetail problem(String parameter, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("查询参数无效");
        problem.setType(URI.create("urn:hazardloop:problem:invalid-query"));
        problem.setProperty("parameter", parameter);
        return problem;
    }
}
