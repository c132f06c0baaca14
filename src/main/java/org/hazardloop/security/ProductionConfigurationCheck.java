package org.hazardloop.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.stereotype.Component;

/**
 * The production profile's settings, checked before any bean is created (before the engine exists, before a first
 * administrator is written with a bad password): the start fails, naming every problem at once, if
 * <ul>
 *   <li>engine authorization is off ({@code camunda.bpm.authorization.enabled});</li>
 *   <li>Java serialization of variables is on, deserialization type validation is off, or XXE processing is on
 *       ({@code camunda.bpm.generic-properties.properties.*});</li>
 *   <li>the demo grid and users are to be seeded ({@code hazardloop.demo.enabled});</li>
 *   <li>a first administrator ({@code camunda.bpm.admin-user.id}) is configured without a password, which Camunda
 *       would replace by the user name, or with a password that does not come from the environment (an environment
 *       variable or a mounted secret file, {@code configtree:}): a password in a configuration file or on the command
 *       line is a secret others can read.</li>
 * </ul>
 * {@link ProductionSafetyCheck} then checks the users once the engine runs.
 */
@Component
@Profile("prod")
public class ProductionConfigurationCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String ADMIN_USER_ID = "camunda.bpm.admin-user.id";
    static final String ADMIN_USER_PASSWORD = "camunda.bpm.admin-user.password";
    static final String GENERIC_PROPERTIES = "camunda.bpm.generic-properties.properties";

    private ConfigurableEnvironment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(refusal(problems));
        }
    }

    static String refusal(List<String> problems) {
        return "生产环境（prod）配置不安全，拒绝启动 / Refusing to start the prod profile insecurely:\n - "
                + String.join("\n - ", problems) + "\n见 docs/security.md";
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!environment.getProperty("camunda.bpm.authorization.enabled", Boolean.class, false)) {
            problems.add("引擎授权检查未开启（camunda.bpm.authorization.enabled 须为 true）");
        }
        Map<String, Object> generic = Binder.get(environment)
                .bind(GENERIC_PROPERTIES, Bindable.mapOf(String.class, Object.class)).orElse(Map.of());
        if (isTrue(generic, "java-serialization-format-enabled")) {
            problems.add("允许 Java 序列化格式的变量（java-serialization-format-enabled 须为 false）");
        }
        if (!isTrue(generic, "deserialization-type-validation-enabled")) {
            problems.add("变量反序列化类型校验未开启（deserialization-type-validation-enabled 须为 true）");
        }
        if (isTrue(generic, "enable-xxe-processing")) {
            problems.add("部署时允许 XML 外部实体（enable-xxe-processing 须为 false）");
        }
        if (environment.getProperty("hazardloop.demo.enabled", Boolean.class, false)) {
            problems.add("生产环境不得生成演示网格和演示用户（hazardloop.demo.enabled 须为 false）");
        }
        if (environment.getProperty(ADMIN_USER_ID) != null) {
            PropertySource<?> source = sourceOf(ADMIN_USER_PASSWORD);
            if (source == null) {
                problems.add("配置了初始管理员 camunda.bpm.admin-user.id 却没有密码（Camunda 会以用户名作密码）："
                        + "请以环境变量 CAMUNDA_BPM_ADMINUSER_PASSWORD 提供");
            } else if (!(source instanceof SystemEnvironmentPropertySource || source instanceof ConfigTreePropertySource)) {
                problems.add("初始管理员的密码 camunda.bpm.admin-user.password 来自 " + source.getName()
                        + "：密码只能来自环境变量（CAMUNDA_BPM_ADMINUSER_PASSWORD）或挂载的密钥文件（configtree）");
            }
        }
        return problems;
    }

    /** A generic engine property set to true, whichever way its name is spelled. */
    private static boolean isTrue(Map<String, Object> properties, String name) {
        String wanted = normalised(name);
        return properties.entrySet().stream()
                .filter(entry -> normalised(entry.getKey()).equals(wanted))
                .anyMatch(entry -> Boolean.parseBoolean(Objects.toString(entry.getValue()).strip()));
    }

    private static String normalised(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The property source the value of {@code name} comes from, as Spring's relaxed binding finds it. */
    private PropertySource<?> sourceOf(String name) {
        ConfigurationPropertyName property = ConfigurationPropertyName.of(name);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(property);
            if (found != null && source.getUnderlyingSource() instanceof PropertySource<?> underlying) {
                return underlying;
            }
        }
        return null;
    }
}
