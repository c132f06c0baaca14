package org.hazardloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose file at the top of the repository runs the app as configured: docker is not available to the
 * build, so this is checked by reading the files.
 */
class DockerComposeTest {

    private static final Path COMPOSE_FILE = Path.of("docker-compose.yml");
    private static final Path RESOURCES = Path.of("src/main/resources");
    /** Spring Boot itself reads them (the profile; camunda.bpm.admin-user.* by relaxed binding); no placeholder names them. */
    private static final Set<String> READ_BY_SPRING_BOOT = Set.of("SPRING_PROFILES_ACTIVE", "CAMUNDA_BPM_ADMINUSER_ID",
            "CAMUNDA_BPM_ADMINUSER_PASSWORD");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)");

    @Test
    @SuppressWarnings("unchecked")
    void postgresKafkaAndTheAppAreThereWithHealthchecks() throws IOException {
        Map<String, Object> services = map(load(COMPOSE_FILE).get("services"));

        assertThat(services).containsKeys("postgres", "kafka", "app");
        Map<String, Object> postgres = map(services.get("postgres"));
        Map<String, Object> kafka = map(services.get("kafka"));
        Map<String, Object> app = map(services.get("app"));

        assertThat((String) postgres.get("image")).isEqualTo("postgres:15");
        assertThat((List<?>) postgres.get("volumes")).anySatisfy(v -> assertThat((String) v).endsWith(":/var/lib/postgresql/data"));
        assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
        assertThat(environment(kafka)).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsKey("KAFKA_CONTROLLER_QUORUM_VOTERS");
        assertThat(environment(kafka).get("KAFKA_ADVERTISED_LISTENERS")).contains("//kafka:9092");
        for (Map<String, Object> service : List.of(postgres, kafka)) {
            assertThat((List<?>) map(service.get("healthcheck")).get("test")).isNotEmpty();
        }

        assertThat(app).containsKey("build");
        assertThat((List<Object>) app.get("ports")).contains("8080:8080");
        assertThat(environment(app)).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
        Map<String, Object> dependsOn = map(app.get("depends_on"));
        assertThat(dependsOn).containsOnlyKeys("postgres", "kafka");
        dependsOn.values().forEach(condition -> assertThat(map(condition)).containsEntry("condition", "service_healthy"));
    }

    @Test
    void theAppGetsTheDatabaseThatPostgresCreates() throws IOException {
        Map<String, Object> services = map(load(COMPOSE_FILE).get("services"));
        Map<String, String> app = environment(map(services.get("app")));
        Map<String, String> postgres = environment(map(services.get("postgres")));

        assertThat(app).containsEntry("DB_HOST", "postgres").containsEntry("DB_PORT", "5432");
        assertThat(app.get("DB_NAME")).isEqualTo(postgres.get("POSTGRES_DB"));
        assertThat(app.get("DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(app.get("DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void theAppGetsTheKafkaListenerTheBrokerAdvertisesOnTheComposeNetwork() throws IOException {
        Map<String, Object> services = map(load(COMPOSE_FILE).get("services"));
        Map<String, String> app = environment(map(services.get("app")));
        Map<String, String> kafka = environment(map(services.get("kafka")));

        assertThat(applicationPlaceholders()).contains("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(app).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092");
    }

    @Test
    void everyVariableSetOnTheAppIsOneTheApplicationReads() throws IOException {
        Map<String, String> app = environment(map(map(load(COMPOSE_FILE).get("services")).get("app")));

        assertThat(unread(app.keySet(), applicationPlaceholders())).isEmpty();
    }

    @Test
    void aVariableTheApplicationDoesNotReadIsCaught() throws IOException {
        Set<String> placeholders = applicationPlaceholders();

        assertThat(placeholders).contains("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD");
        assertThat(unread(List.of("SPRING_PROFILES_ACTIVE", "DB_HOST", "KAFKA_BROKERS"), placeholders))
                .containsExactly("KAFKA_BROKERS");
        // the environment may be written as a list of NAME=value
        assertThat(environment(Map.of("environment", List.of("DB_HOST=postgres", "HAZARDLOOP_KAFKA=kafka:9092"))))
                .containsOnlyKeys("DB_HOST", "HAZARDLOOP_KAFKA");
    }

    @Test
    void theImageIsBuiltWithTheWrapperAndRunsAsAnUnprivilegedUser() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile"));

        assertThat(lines).filteredOn(line -> line.startsWith("FROM "))
                .containsExactly("FROM eclipse-temurin:17-jdk AS build", "FROM eclipse-temurin:17-jre");
        assertThat(String.join("\n", lines)).contains("./mvnw");
        String lastUser = lines.stream().filter(line -> line.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertThat(lastUser.substring("USER ".length()).strip()).isNotIn("root", "0");
    }

    /** The names in {@code names} that are neither a placeholder of the application's settings nor Spring Boot's. */
    private static Set<String> unread(Iterable<String> names, Set<String> placeholders) {
        Set<String> unread = new TreeSet<>();
        names.forEach(name -> {
            if (!placeholders.contains(name) && !READ_BY_SPRING_BOOT.contains(name)) {
                unread.add(name);
            }
        });
        return unread;
    }

    /** Every {@code ${NAME} } placeholder in {@code src/main/resources/application*.yml}. */
    private static Set<String> applicationPlaceholders() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(RESOURCES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml")).toList()) {
                Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object declared = service.get("environment");
        if (declared instanceof Map<?, ?> entries) {
            entries.forEach((name, value) -> environment.put(String.valueOf(name), value == null ? null : String.valueOf(value)));
        } else if (declared instanceof List<?> entries) {
            for (Object entry : entries) {
                String[] nameAndValue = String.valueOf(entry).split("=", 2);
                environment.put(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : null);
            }
        }
        return environment;
    }

    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
