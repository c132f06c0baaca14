package org.hazardloop.tasklist;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the project's Tasklist locale files and user styles in place of the webjar's, falling back to the
 * webjar for any file the project does not ship.
 * <p>
 * Why not simply put the files under {@code META-INF/resources/webjars/camunda/...}, ahead of the webjar on
 * the classpath: the Spring Boot jar keeps the application's {@code META-INF} at the root of the archive,
 * off the class path, so the override would work from the IDE and in tests but not in the packaged jar.
 * A more specific resource handler than the starter's {@code /app/**} works the same in both.
 */
@Configuration
public class TasklistWebappResources implements WebMvcConfigurer {

    static final String OURS = "classpath:/camunda-webapp/tasklist/";

    private final CamundaBpmProperties camunda;

    public TasklistWebappResources(CamundaBpmProperties camunda) {
        this.camunda = camunda;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String tasklistPath = camunda.getWebapp().getApplicationPath() + "/app/tasklist/";
        String webjar = "classpath:" + camunda.getWebapp().getWebjarClasspath() + "/app/tasklist/";
        for (String folder : new String[] {"locales/", "styles/"}) {
            registry.addResourceHandler(tasklistPath + folder + "**")
                    .addResourceLocations(OURS + folder, webjar + folder);
        }
    }
}
