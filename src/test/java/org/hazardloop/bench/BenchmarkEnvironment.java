package org.hazardloop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hazardloop.HazardLoopApplication;
import org.hazardloop.events.broker.EmbeddedKafkaServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a benchmark run needs: a real Kafka broker (the application's own single-node KRaft broker, in this JVM,
 * on free ports and a fresh log directory) and the application itself, started as in production but on the
 * {@code test} profile's PostgreSQL (the database the run names), with Kafka on and its HTTP server on a free port.
 */
final class BenchmarkEnvironment implements AutoCloseable {

    private final EmbeddedKafkaServer kafka;
    private final Path kafkaLog;
    private final BenchmarkSettings settings;
    private ConfigurableApplicationContext context;
    private AutovacuumStandIn autovacuum;

    private BenchmarkEnvironment(BenchmarkSettings settings, EmbeddedKafkaServer kafka, Path kafkaLog) {
        this.settings = settings;
        this.kafka = kafka;
        this.kafkaLog = kafkaLog;
    }

    static BenchmarkEnvironment start(BenchmarkSettings settings) {
        try {
            Path log = Files.createTempDirectory("hazard-loop-bench-kafka");
            EmbeddedKafkaServer kafka = new EmbeddedKafkaServer(log, freePort(), freePort());
            kafka.start();
            BenchmarkEnvironment environment = new BenchmarkEnvironment(settings, kafka, log);
            environment.startApplication(Map.of());
            var env = environment.context.getEnvironment();
            environment.autovacuum = AutovacuumStandIn.forDatabase(env.getProperty("spring.datasource.url"),
                    env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password", ""),
                    settings.analyseEvery());
            return environment;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application's settings for this run: the run's database, pool, broker; then the overrides. */
    Map<String, String> applicationProperties(Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (settings.database() != null) {
            String host = System.getenv().getOrDefault("TEST_DB_HOST", "127.0.0.1");
            String port = System.getenv().getOrDefault("TEST_DB_PORT", "5432");
            properties.put("spring.datasource.url", "jdbc:postgresql://" + host + ":" + port + "/" + settings.database());
        }
        properties.put("spring.datasource.hikari.maximum-pool-size", String.valueOf(settings.poolSize()));
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("hazardloop.events.kafka-enabled", "true");
        properties.put("hazardloop.events.embedded-broker.enabled", "false");
        // The measured deadlines lie seconds after their hazards are opened, where a real one lies days ahead, so
        // its reminder (临期提醒) would fall among the deadlines themselves. As in production — the reminder three
        // days before — it is sent while the hazard is being set up, and the deadline is all that falls due then.
        properties.put("hazardloop.escalation.reminder-fraction", "0.99");
        properties.putAll(settings.appProperties());
        properties.putAll(overrides);
        return properties;
    }

    /** (Re)starts the application with extra settings, e.g. the job executor's defaults. */
    void startApplication(Map<String, String> overrides) {
        if (context != null) {
            context.close();
        }
        List<String> args = new ArrayList<>();
        applicationProperties(overrides).forEach((k, v) -> args.add("--" + k + "=" + v));
        context = new SpringApplicationBuilder(HazardLoopApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new));
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Brings the tables' statistics and dead rows to where autovacuum keeps them, before a measurement
     * ({@link AutovacuumStandIn#catchUp}).
     */
    void settle(List<String> tablesIfAutovacuumIsOn) {
        autovacuum.catchUp(tablesIfAutovacuumIsOn);
    }

    void settle() {
        settle(List.of());
    }

    /**
     * How long the autovacuum stand-in's statements have run so far (ns). 0 where the server's autovacuum is on: the
     * stand-in then only analyses the tables a measurement names, before it, and does not time that.
     */
    long maintenanceNanos() {
        return autovacuum.workNanos();
    }

    /** Who keeps the planner's statistics and the tables' dead rows in check during the run. */
    String autovacuum() {
        return autovacuum.active() ? "off on this server; the benchmark's stand-in ran " + autovacuum.summary()
                + " (AutovacuumStandIn)" : "on (the server's own)";
    }

    @Override
    public void close() {
        try {
            if (autovacuum != null) {
                autovacuum.close();
            }
            if (context != null) {
                context.close();
            }
        } finally {
            kafka.stop();
            deleteQuietly(kafkaLog);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the operating system cleans up what is left
        }
    }
}
