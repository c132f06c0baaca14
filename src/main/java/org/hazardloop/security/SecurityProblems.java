package org.hazardloop.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A request without valid credentials (401) or without the right to the path (403), answered as RFC 9457
 * problem details with a Chinese title, like every other error of the API. A 401 names the scheme to use.
 */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "Hazard Loop";
    static final String UNAUTHENTICATED_TITLE = "需要登录";
    static final String FORBIDDEN_TITLE = "无权访问";

    private final ObjectMapper json;

    SecurityProblems(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        String detail = request.getHeader(HttpHeaders.AUTHORIZATION) == null
                ? "请使用 HTTP Basic 认证（Camunda 用户名和密码）访问此接口"
                : "用户名或密码错误，或账户已被临时锁定";
        write(request, response, HttpStatus.UNAUTHORIZED, UNAUTHENTICATED_TITLE, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, FORBIDDEN_TITLE, "当前用户无权访问此地址");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                       String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
