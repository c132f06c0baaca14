package org.hazardloop.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.util.Arrays;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what over HTTP. Three chains, most specific first:
 * <ol>
 *   <li>{@code /api/**}, {@code /engine-rest/**}, {@code /actuator/**}: HTTP Basic against the engine identity,
 *       stateless, every request authenticated except the health check; the engine is told the user for the
 *       request ({@link EngineAuthenticationFilter}), so its authorizations apply. The actuator's other endpoints
 *       are for administrators. No CSRF token: without a session or cookie there is nothing a forged request could
 *       ride on.</li>
 *   <li>the web apps ({@code /camunda/**}): left to Camunda's own login, session, authorization checks and CSRF
 *       filter, which guard them as they do in every Camunda installation.</li>
 *   <li>everything else: the OpenAPI description and its UI (they describe the API, they hold no data) and the
 *       redirect from {@code /} are open; any other path is refused.</li>
 * </ol>
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

    static final String ADMIN_AUTHORITY = EngineIdentityAuthenticationProvider.GROUP_AUTHORITY_PREFIX + Groups.CAMUNDA_ADMIN;

    @Bean
    EngineIdentityAuthenticationProvider engineIdentityAuthenticationProvider(IdentityService identityService,
                                                                              EngineSystemCalls system) {
        return new EngineIdentityAuthenticationProvider(identityService, system);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, IdentityService identityService, ObjectMapper json)
            throws Exception {
        SecurityProblems problems = new SecurityProblems(json);
        http.securityMatcher(paths("/api/**", "/engine-rest/**", "/actuator/**"))
                .authorizeHttpRequests(requests -> requests
                        // an error page rendered for an already authorized request must not turn into a 401
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(paths("/actuator/health", "/actuator/health/**")).permitAll()
                        .requestMatchers(paths("/actuator/**")).hasAuthority(ADMIN_AUTHORITY)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName(SecurityProblems.REALM).authenticationEntryPoint(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Camunda's web apps bring their own security filters (login, session, authorizations, CSRF, security
     * headers); Spring Security adds nothing here, so it neither doubles their headers nor disables their caching.
     */
    @Bean
    @Order(2)
    SecurityFilterChain webappSecurity(HttpSecurity http, CamundaBpmProperties camunda) throws Exception {
        http.securityMatcher(paths(camunda.getWebapp().getApplicationPath() + "/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain otherSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        SecurityProblems problems = new SecurityProblems(json);
        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(paths("/", "/error", "/favicon.ico")).permitAll()
                        .requestMatchers(paths("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**"))
                        .permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /**
     * Matchers on the request's whole path. Spring Security's plain pattern strings would match only what Spring
     * MVC serves; the engine REST API and the web apps are servlets of their own (Jersey), which such a matcher
     * never matches.
     */
    private static RequestMatcher paths(String... patterns) {
        return new OrRequestMatcher(Arrays.stream(patterns)
                .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern))
                .toList());
    }
}
