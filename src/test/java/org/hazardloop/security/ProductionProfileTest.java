package org.hazardloop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.spring.boot.starter.webapp.filter.LazyInitRegistration;
import org.hazardloop.HazardLoopApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The production profile, started as in production (against a PostgreSQL database of its own, settings from the
 * environment), refuses to start insecurely and says why; started securely it runs and logs no secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileTest {

    static final String HOST = env("TEST_DB_HOST", "127.0.0.1");
    static final String PORT = env("TEST_DB_PORT", "5432");
    static final String USER = env("TEST_DB_USER", "postgres");
    static final String PASSWORD = env("TEST_DB_PASSWORD", "");
    /** Satisfies Camunda's password policy, which the prod profile turns on. */
    static final String ADMIN_PASSWORD = "Hz-Prod-Check-2025!";

    private final String database = env("TEST_DB_NAME", "test") + "_prod_" + UUID.randomUUID().toString().substring(0, 8);
    private boolean created;

    @AfterEach
    void dropTheDatabase() throws SQLException {
        if (created) {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    static Stream<Arguments> insecureSettings() {
        return Stream.of(
                Arguments.of("authorization off", List.of("--camunda.bpm.authorization.enabled=false"), Map.of(),
                        "引擎授权检查未开启"),
                Arguments.of("Java serialization on",
                        List.of("--camunda.bpm.generic-properties.properties.java-serialization-format-enabled=true"),
                        Map.of(), "允许 Java 序列化格式的变量"),
                Arguments.of("deserialization type validation off",
                        List.of("--camunda.bpm.generic-properties.properties.deserialization-type-validation-enabled=false"),
                        Map.of(), "变量反序列化类型校验未开启"),
                Arguments.of("XXE on", List.of("--camunda.bpm.generic-properties.properties.enable-xxe-processing=true"),
                        Map.of(), "部署时允许 XML 外部实体"),
                Arguments.of("demo data", List.of("--hazardloop.demo.enabled=true"), Map.of(), "不得生成演示网格和演示用户"),
                Arguments.of("administrator without a password", List.of(),
                        Map.of("CAMUNDA_BPM_ADMINUSER_ID", "root"), "配置了初始管理员 camunda.bpm.admin-user.id 却没有密码"),
                Arguments.of("administrator's password on the command line",
                        List.of("--camunda.bpm.admin-user.id=root", "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD),
                        Map.of(), "密码只能来自环境变量"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("insecureSettings")
    void anInsecureSettingIsRefusedBeforeAnythingStarts(String name, List<String> arguments, Map<String, String> variables) {
        Throwable refused = catchThrowable(() -> start(withAdministrator(variables), arguments).close());

        assertThat(refused).as(name).isNotNull();
        assertThat(messages(refused)).as(name).contains("拒绝启动").contains(refusalOf(name));
    }

    @Test
    void noUserAtAllIsRefused() throws SQLException {
        createDatabase();

        Throwable refused = catchThrowable(() -> start(Map.of(), List.of()).close());

        assertThat(messages(refused)).contains("拒绝启动").contains("没有任何用户");
    }

    @Test
    void usersWithKnownDefaultPasswordsAreRefusedByName() throws SQLException {
        createDatabase();
        // the demo data in what is to be the production database: what the test profile seeds
        forgetRefusedWebappContext();
        new SpringApplicationBuilder(HazardLoopApplication.class).profiles("test")
                .run("--spring.datasource.url=" + url(), "--server.port=0").close();

        Throwable refused = catchThrowable(() -> start(withAdministrator(Map.of()), List.of()).close());

        assertThat(messages(refused)).contains("拒绝启动").contains("以下用户仍在使用已知的默认密码")
                .contains("supervisor").contains("fire-officer").contains("admin")
                .doesNotContain("root").doesNotContain("demo）");
    }

    @Test
    void aSecureStartRunsLogsNoSecretAndAnAdministratorIsNeededAfterwardsToo(CapturedOutput output) throws Exception {
        createDatabase();
        try (ConfigurableApplicationContext running = start(withAdministrator(Map.of()), List.of())) {
            int port = ((WebServerApplicationContext) running).getWebServer().getPort();
            assertThat(Client.basic(port, "root", ADMIN_PASSWORD).get("/api/organization/units").status()).isEqualTo(200);
            assertThat(Client.anonymous(port).get("/api/organization/units").status()).isEqualTo(401);
            // Camunda Admin's "create the first administrator" page is closed
            assertThat(Client.anonymous(port).post("/camunda/api/admin/setup/default/user/create",
                    Map.of("profile", Map.of("id", "intruder"), "credentials", Map.of("password", ADMIN_PASSWORD)))
                    .status()).isIn(401, 403);
        }
        assertThat(output.getAll()).doesNotContain(ADMIN_PASSWORD).doesNotContain("{SHA");

        // the administrator's membership removed by hand: the start is refused again
        try (Connection connection = DriverManager.getConnection(url(), USER, PASSWORD);
             Statement sql = connection.createStatement()) {
            sql.execute("DELETE FROM act_id_membership WHERE group_id_ = 'camunda-admin'");
        }
        Throwable refused = catchThrowable(() -> start(withAdministrator(Map.of()), List.of()).close());
        assertThat(messages(refused)).contains("没有 camunda-admin 组的成员");
    }

    // --- starting the prod profile ----------------------------------------------------------------------------------

    private static Map<String, String> withAdministrator(Map<String, String> variables) {
        Map<String, String> all = new HashMap<>(Map.of("CAMUNDA_BPM_ADMINUSER_ID", "root",
                "CAMUNDA_BPM_ADMINUSER_PASSWORD", ADMIN_PASSWORD));
        all.putAll(variables);
        if (variables.containsKey("CAMUNDA_BPM_ADMINUSER_ID") && !variables.containsKey("CAMUNDA_BPM_ADMINUSER_PASSWORD")) {
            all.remove("CAMUNDA_BPM_ADMINUSER_PASSWORD");
        }
        return all;
    }

    /**
     * Starts the application with {@code SPRING_PROFILES_ACTIVE=prod}, the database and {@code variables} given as
     * environment variables (the test JVM's environment plus these), and {@code arguments} on the command line.
     */
    private ConfigurableApplicationContext start(Map<String, String> variables, List<String> arguments) {
        forgetRefusedWebappContext();
        Map<String, Object> environment = new HashMap<>(System.getenv());
        environment.put("SPRING_PROFILES_ACTIVE", "prod");
        environment.put("DB_HOST", HOST);
        environment.put("DB_PORT", PORT);
        environment.put("DB_NAME", database);
        environment.put("DB_USER", USER);
        environment.put("DB_PASSWORD", PASSWORD);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9");
        environment.put("PORT", "0");
        // no broker here: events stay in the outbox, as in the test profile
        environment.put("HAZARDLOOP_EVENTS_KAFKAENABLED", "false");
        environment.putAll(variables);
        StandardEnvironment spring = new StandardEnvironment();
        spring.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new SpringApplicationBuilder(HazardLoopApplication.class).environment(spring)
                .run(arguments.toArray(String[]::new));
    }

    /**
     * Camunda's web app starter keeps the application context in a static field and forgets it only when a context
     * closes normally. A context refused during its start leaves it behind, and the next application started in
     * the same JVM (only tests do that) would initialise its web app filters from the dead one.
     */
    @SuppressWarnings("unchecked")
    private static void forgetRefusedWebappContext() {
        try {
            Field context = LazyInitRegistration.class.getDeclaredField("APPLICATION_CONTEXT");
            context.setAccessible(true);
            if (context.get(null) instanceof ConfigurableApplicationContext left && !left.isActive()) {
                context.set(null, null);
                Field registrations = LazyInitRegistration.class.getDeclaredField("REGISTRATION");
                registrations.setAccessible(true);
                ((Set<Object>) registrations.get(null)).clear();
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void createDatabase() throws SQLException {
        admin("CREATE DATABASE " + database);
        created = true;
    }

    private String url() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static void admin(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres",
                USER, PASSWORD); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static String refusalOf(String name) {
        return insecureSettings().filter(arguments -> arguments.get()[0].equals(name))
                .map(arguments -> (String) arguments.get()[3]).findFirst().orElseThrow();
    }

    /** Every message of the failure and its causes, as the log shows them. */
    private static String messages(Throwable failure) {
        assertThat(failure).as("the start was refused").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
