package org.hazardloop.events.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides where the Kafka clients connect, before the context starts.
 * <ul>
 * <li>{@code spring.kafka.bootstrap-servers} set: that broker.</li>
 * <li>otherwise {@code KAFKA_BOOTSTRAP_SERVERS} set (environment): that broker.</li>
 * <li>otherwise, unless {@code hazardloop.events.embedded-broker.enabled=false} (tests, production): the
 *     embedded default — a single-node KRaft broker started in this JVM ({@link EmbeddedKafkaServer}) on
 *     127.0.0.1:{@code hazardloop.events.embedded-broker.port} (9092), and the clients connect to it.</li>
 * </ul>
 */
public class KafkaBootstrapEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String ENABLED = "hazardloop.events.embedded-broker.enabled";
    static final String ACTIVE = "hazardloop.events.embedded-broker.active";
    static final String PORT = "hazardloop.events.embedded-broker.port";
    static final int DEFAULT_PORT = 9092;
    private static final String BOOTSTRAP = "spring.kafka.bootstrap-servers";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> decided = new LinkedHashMap<>();
        if (!configured(environment)) {
            String fromEnvironment = environment.getProperty("KAFKA_BOOTSTRAP_SERVERS");
            if (StringUtils.hasText(fromEnvironment)) {
                decided.put(BOOTSTRAP, fromEnvironment);
            } else if (environment.getProperty(ENABLED, Boolean.class, true)) {
                decided.put(BOOTSTRAP, "127.0.0.1:" + environment.getProperty(PORT, Integer.class, DEFAULT_PORT));
                decided.put(ACTIVE, "true");
            }
        }
        if (!decided.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource("hazardLoopKafkaBootstrap", decided));
        }
    }

    /**
     * Whether a bootstrap server is configured. A placeholder that cannot be resolved yet counts as
     * configured: test frameworks fill in their broker's address later.
     */
    private static boolean configured(ConfigurableEnvironment environment) {
        if (!environment.containsProperty(BOOTSTRAP)) {
            return false;
        }
        try {
            return StringUtils.hasText(environment.getProperty(BOOTSTRAP));
        } catch (IllegalArgumentException unresolvedPlaceholder) {
            return true;
        }
    }

    /** After the configuration files are read (ConfigDataEnvironmentPostProcessor). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
