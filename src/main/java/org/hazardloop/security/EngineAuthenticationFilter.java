package org.hazardloop.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells the engine who the authenticated user of the request is, with their groups and tenants, so that its
 * authorization checks run for {@code /engine-rest} and for whatever {@code /api} starts in the engine; clears it
 * when the request is done, so a pooled thread never carries one user's identity into the next request. What
 * Camunda's {@code ProcessEngineAuthenticationFilter} does, fed by Spring Security instead of its own Basic
 * parsing, so that {@code /api} and {@code /engine-rest} share one mechanism.
 * <p>
 * Not a Spring bean on purpose: Spring Boot would register a Filter bean for every request, outside the security
 * chain that authenticates.
 */
class EngineAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identityService;

    EngineAuthenticationFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof EngineUser user)) {
            chain.doFilter(request, response);
            return;
        }
        identityService.setAuthentication(user.userId(), user.groupIds(), user.tenantIds());
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }
}
