package org.hazardloop.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;
import org.hazardloop.hazard.FieldViolation;

/**
 * The shape of the API's errors as documented in OpenAPI: RFC 9457 problem details (Spring's
 * {@link org.springframework.http.ProblemDetail}) plus the {@code errors} member. Responses are built
 * by {@link ApiProblemHandler}; this record only describes them.
 */
@Schema(name = "Problem", description = "RFC 9457 问题详情 / Problem details")
public record ApiProblem(
        @Schema(description = "问题类型", example = "about:blank") URI type,
        @Schema(description = "问题标题", example = "输入无效") String title,
        @Schema(description = "HTTP 状态码", example = "400") int status,
        @Schema(description = "说明") String detail,
        @Schema(description = "出错的请求路径", example = "/api/hazards") URI instance,
        @Schema(description = "无效的字段或参数，每项一条（仅 400）") List<FieldError> errors) {

    @Schema(name = "FieldError", description = "一个无效的字段或参数")
    public record FieldError(
            @Schema(description = "字段或参数名", example = "gridUnit") String field,
            @Schema(description = "原因", example = "所属网格不存在：X99") String message) {

        static FieldError of(FieldViolation violation) {
            return new FieldError(violation.field(), violation.message());
        }
    }
}
