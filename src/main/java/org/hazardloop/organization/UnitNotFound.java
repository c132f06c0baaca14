package org.hazardloop.organization;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A grid unit code that is not in the grid: 404 as RFC 9457 problem details. */
public class UnitNotFound extends ErrorResponseException {

    public UnitNotFound(String unitCode) {
        super(HttpStatus.NOT_FOUND, problem(unitCode), null);
    }

    private static ProblemDetail problem(String unitCode) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "网格单位 " + unitCode + " 不存在");
        problem.setTitle("网格单位不存在");
        problem.setType(URI.create("urn:hazardloop:problem:unit-not-found"));
        problem.setProperty("unit", unitCode);
        return problem;
    }
}
