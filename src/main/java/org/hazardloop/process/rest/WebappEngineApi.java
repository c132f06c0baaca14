package org.hazardloop.process.rest;

import java.util.Map;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.jersey.servlet.ServletProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Tasklist submits forms to the web apps' own engine API, not to {@code /engine-rest}, so a refused step
 * there would reach the user as a 500 with the engine's English wrapping around our message. Camunda's
 * web app initializer registers that API as the servlet "Engine Api" only if no servlet of that name
 * exists yet; this registers it first, under the same name and path, with the refusal mappers added.
 */
@Configuration
@ConditionalOnClass(name = "org.camunda.bpm.webapp.impl.engine.EngineRestApplication")
public class WebappEngineApi {

    /** The servlet name Camunda's CamundaBpmWebappInitializer checks before registering its own. */
    static final String CAMUNDA_SERVLET_NAME = "Engine Api";

    @Bean
    ServletRegistrationBean<ServletContainer> webappEngineApiServlet(CamundaBpmProperties camunda) {
        var registration = new ServletRegistrationBean<>(new ServletContainer(),
                camunda.getWebapp().getApplicationPath() + "/api/engine/*");
        registration.setName(CAMUNDA_SERVLET_NAME);
        registration.setInitParameters(Map.of(ServletProperties.JAXRS_APPLICATION_CLASS,
                WebappEngineRestApplication.class.getName()));
        // before Camunda's initializer, which has no order (= lowest precedence)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
