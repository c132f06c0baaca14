package org.hazardloop.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hazardloop.hazard.FieldViolation;
import org.hazardloop.hazard.HazardAccessDenied;
import org.hazardloop.hazard.HazardNotFound;
import org.hazardloop.hazard.HazardRuleViolation;
import org.hazardloop.hazard.ReportIdTaken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the application API as RFC 9457 problem details with Chinese titles. A 400 names
 * each bad field or parameter in {@code errors} ({@code [{field, message}]}). Extends Spring's
 * handler so its own errors (unreadable body, type mismatch, missing parameter, 405, 415...) come out
 * the same way. Applies to the controllers of this package only, not to the engine's REST API.
 */
@RestControllerAdvice(basePackageClasses = ApiProblemHandler.class)
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    static final String INVALID_INPUT = "输入无效";

    private static final Map<Integer, String> TITLES = Map.of(
            400, INVALID_INPUT,
            403, "无权操作",
            404, "资源不存在",
            405, "不支持的请求方法",
            406, "无法按要求的格式响应",
            409, "请求冲突",
            413, "请求体过大",
            415, "不支持的请求内容类型",
            500, "服务器内部错误",
            503, "服务暂不可用");

    @ExceptionHandler(HazardRuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(HazardRuleViolation violation) {
        return ResponseEntity.badRequest().body(invalid(violation.getMessage(), violation.violations()));
    }

    /** Not this user's to do (report outside their grid): the reasons, as for a 400, with 403. */
    @ExceptionHandler(HazardAccessDenied.class)
    ResponseEntity<ProblemDetail> accessDenied(HazardAccessDenied denied) {
        ProblemDetail problem = invalid(denied.getMessage(), denied.violations());
        problem.setStatus(HttpStatus.FORBIDDEN);
        problem.setTitle(TITLES.get(403));
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler(ReportIdTaken.class)
    ResponseEntity<ProblemDetail> reportIdTaken(ReportIdTaken taken) {
        ProblemDetail problem = invalid(taken.getMessage(), taken.violations());
        problem.setStatus(HttpStatus.CONFLICT);
        problem.setTitle(TITLES.get(409));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(HazardNotFound.class)
    ResponseEntity<ProblemDetail> notFound(HazardNotFound notFound) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, notFound.getMessage());
        problem.setTitle("隐患不存在");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    /** The last resort: logged in full here, while the client learns nothing of the internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        log.error("Unexpected error in the application API", exception);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "处理请求时发生意外错误，已记录日志。请稍后重试，或联系系统管理员。");
        problem.setTitle(TITLES.get(500));
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldViolation violation = unreadable(ex);
        return handleExceptionInternal(ex, invalid("请求体无法读取：" + violation, List.of(violation)),
                headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName();
        String message = FieldLabels.of(field) + "取值无效：" + display(ex.getValue()) + expected(ex.getRequiredType());
        FieldViolation violation = new FieldViolation(field, message);
        return handleExceptionInternal(ex, invalid("请求参数无效：" + violation, List.of(violation)),
                headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldViolation violation = new FieldViolation(ex.getParameterName(),
                "缺少参数 " + FieldLabels.of(ex.getParameterName()));
        return handleExceptionInternal(ex, invalid("请求参数无效：" + violation, List.of(violation)),
                headers, status, request);
    }

    /** Spring's own problems keep their status; their titles, and the details of the generic ones, become Chinese. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse errorResponse) {
            body = errorResponse.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail problem) {
            String title = TITLES.get(statusCode.value());
            boolean ours = problem.getProperties() != null && problem.getProperties().containsKey("errors");
            if (title != null) {
                problem.setTitle(title);
            }
            if (!ours) {
                problem.setDetail(title == null ? "请求无法处理" : title + "（HTTP " + statusCode.value() + "）");
            }
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static ProblemDetail invalid(String detail, List<FieldViolation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle(INVALID_INPUT);
        problem.setProperty("errors", violations.stream().map(ApiProblem.FieldError::of).toList());
        return problem;
    }

    /** Names the field Jackson stopped at; a body that is not JSON at all is the field "body". */
    private static FieldViolation unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof JsonParseException parse) {
            return new FieldViolation("body", "请求体不是有效的 JSON（第 " + parse.getLocation().getLineNr()
                    + " 行第 " + parse.getLocation().getColumnNr() + " 列）");
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping.getPath());
            Class<?> target = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            return new FieldViolation(field, FieldLabels.of(field) + "类型或格式不正确" + expected(target));
        }
        if (cause instanceof JsonMappingException) {
            return new FieldViolation("body", "请求体须为 JSON 对象");
        }
        return new FieldViolation("body", "请求体缺失或无法读取");
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type.isEnum()) {
            return "（可选值：" + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining("、")) + "）";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "（须为带时区偏移的 ISO-8601 日期时间，如 2025-06-01T09:30:00+08:00）";
        }
        if (type == String.class) {
            return "（须为文本）";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "（须为 true 或 false）";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == BigInteger.class) {
            return "（须为整数）";
        }
        if (Number.class.isAssignableFrom(type) || type == BigDecimal.class || type.isPrimitive()) {
            return "（须为数字）";
        }
        return "";
    }

    private static String display(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).collect(Collectors.joining(","));
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}
