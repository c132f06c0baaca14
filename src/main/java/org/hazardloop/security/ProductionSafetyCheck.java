package org.hazardloop.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.stereotype.Component;

/**
 * The production profile does not start insecurely. Runs once every bean exists (the engine is built, its first
 * administrator created from the environment) and before the web server opens its port, and fails the start with
 * every reason at once if:
 * <ul>
 *   <li>engine authorization is off, Java serialization of variables is on, deserialization type validation is off,
 *       or XXE processing is on;</li>
 *   <li>the demo grid and users are to be seeded;</li>
 *   <li>{@code camunda.bpm.admin-user} is configured without a password from the environment (Camunda would then
 *       use the user name as password, and a password in a configuration file is a secret in the repository);</li>
 *   <li>there is no user, or no member of {@code camunda-admin}: Camunda Admin would offer anyone to create the
 *       first administrator;</li>
 *   <li>any user's password is a known default ({@link #KNOWN_DEFAULT_PASSWORDS}, or the user's own id).</li>
 * </ul>
 * The passwords are tried with {@link IdentityService#checkPassword}, which counts every miss towards the user's
 * lock-out; each user is unlocked before each try, so the check neither locks anyone out nor misses a default
 * password while a user is locked. Messages name users, never passwords.
 */
@Component
@Profile("prod")
public class ProductionSafetyCheck implements SmartInitializingSingleton {

    public static final List<String> KNOWN_DEFAULT_PASSWORDS = List.of("demo", "admin", "password", "camunda",
            "123456", "changeit", "changeme");

    static final String ADMIN_USER_ID = "camunda.bpm.admin-user.id";
    static final String ADMIN_USER_PASSWORD = "camunda.bpm.admin-user.password";

    private final ProcessEngine engine;
    private final CamundaBpmProperties camunda;
    private final ConfigurableEnvironment environment;

    public ProductionSafetyCheck(ProcessEngine engine, CamundaBpmProperties camunda, ConfigurableEnvironment environment) {
        this.engine = engine;
        this.camunda = camunda;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = new ArrayList<>();
        checkEngineSettings(problems);
        checkAdminUserConfiguration(problems);
        checkUsers(problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("生产环境（prod）配置不安全，拒绝启动 / Refusing to start the prod profile insecurely:\n - "
                    + String.join("\n - ", problems) + "\n见 docs/security.md");
        }
    }

    private void checkEngineSettings(List<String> problems) {
        ProcessEngineConfiguration configuration = engine.getProcessEngineConfiguration();
        if (!configuration.isAuthorizationEnabled()) {
            problems.add("引擎授权检查未开启（camunda.bpm.authorization.enabled 须为 true）");
        }
        if (!configuration.isDeserializationTypeValidationEnabled()) {
            problems.add("变量反序列化类型校验未开启（deserialization-type-validation-enabled 须为 true）");
        }
        if (genericProperty("java-serialization-format-enabled")) {
            problems.add("允许 Java 序列化格式的变量（java-serialization-format-enabled 须为 false）");
        }
        if (genericProperty("enable-xxe-processing")) {
            problems.add("部署时允许 XML 外部实体（enable-xxe-processing 须为 false）");
        }
        if (environment.getProperty("hazardloop.demo.enabled", Boolean.class, false)) {
            problems.add("生产环境不得生成演示网格和演示用户（hazardloop.demo.enabled 须为 false）");
        }
    }

    private void checkAdminUserConfiguration(List<String> problems) {
        if (environment.getProperty(ADMIN_USER_ID) == null) {
            return;
        }
        PropertySource<?> source = sourceOf(ADMIN_USER_PASSWORD);
        if (source == null) {
            problems.add("配置了初始管理员 camunda.bpm.admin-user.id 却没有密码（Camunda 会以用户名作密码）："
                    + "请以环境变量 CAMUNDA_BPM_ADMINUSER_PASSWORD 提供");
        } else if (!(source instanceof SystemEnvironmentPropertySource || source instanceof ConfigTreePropertySource)) {
            problems.add("初始管理员的密码 camunda.bpm.admin-user.password 来自 " + source.getName()
                    + "：密码只能来自环境变量（CAMUNDA_BPM_ADMINUSER_PASSWORD）或挂载的密钥文件（configtree）");
        }
    }

    private void checkUsers(List<String> problems) {
        IdentityService identity = engine.getIdentityService();
        List<User> users = identity.createUserQuery().list();
        if (users.isEmpty()) {
            problems.add("没有任何用户：Camunda Admin 会向任何访问者开放“创建初始管理员”页面；"
                    + "请以 CAMUNDA_BPM_ADMINUSER_ID 和 CAMUNDA_BPM_ADMINUSER_PASSWORD 创建管理员");
            return;
        }
        if (identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
            problems.add("没有 camunda-admin 组的成员：Camunda Admin 会向任何访问者开放“创建初始管理员”页面");
        }
        List<String> withDefaultPassword = users.stream().map(User::getId)
                .filter(userId -> hasKnownDefaultPassword(identity, userId))
                .toList();
        if (!withDefaultPassword.isEmpty()) {
            problems.add("以下用户仍在使用已知的默认密码，请先修改密码：" + String.join("、", withDefaultPassword));
        }
    }

    private static boolean hasKnownDefaultPassword(IdentityService identity, String userId) {
        List<String> candidates = new ArrayList<>(KNOWN_DEFAULT_PASSWORDS);
        candidates.add(userId);
        for (String candidate : candidates) {
            identity.unlockUser(userId);
            if (identity.checkPassword(userId, candidate)) {
                return true;
            }
        }
        identity.unlockUser(userId);
        return false;
    }

    /** A generic engine property set to true, whichever way its name is spelled. */
    private boolean genericProperty(String name) {
        String wanted = normalised(name);
        Map<String, Object> properties = camunda.getGenericProperties().getProperties();
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
