package org.hazardloop.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The production profile does not start with users anyone could log in as. After {@link ProductionConfigurationCheck}
 * has checked the settings, this runs once every bean exists (the engine is built, its first administrator created
 * from the environment) and before the web server opens its port, and fails the start with every reason at once if:
 * <ul>
 *   <li>the engine as built has authorization off or deserialization type validation off;</li>
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

    private final ProcessEngine engine;

    public ProductionSafetyCheck(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = new ArrayList<>();
        checkEngineSettings(problems);
        checkUsers(problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(ProductionConfigurationCheck.refusal(problems));
        }
    }

    private void checkEngineSettings(List<String> problems) {
        // ProductionConfigurationCheck has refused the setting already; this is the engine as actually built
        ProcessEngineConfiguration configuration = engine.getProcessEngineConfiguration();
        if (!configuration.isAuthorizationEnabled()) {
            problems.add("引擎授权检查未开启（camunda.bpm.authorization.enabled 须为 true）");
        }
        if (!configuration.isDeserializationTypeValidationEnabled()) {
            problems.add("变量反序列化类型校验未开启（deserialization-type-validation-enabled 须为 true）");
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

}
