package org.hazardloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hazardloop.events.KafkaTopicReader.header;
import static org.hazardloop.process.HazardProcessDriver.FIRE_OFFICER;
import static org.hazardloop.process.HazardProcessDriver.SUPERVISOR;
import static org.hazardloop.process.HazardProcessDriver.assignment;
import static org.hazardloop.process.HazardProcessDriver.daysAhead;
import static org.hazardloop.process.HazardProcessDriver.extensionRequest;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.hazardloop.events.broker.EmbeddedKafkaServer;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.process.HazardProcessDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka goes away and comes back. The broker is the embedded default's own {@link EmbeddedKafkaServer},
 * stopped and restarted on the same port and log directory. While it is down, steps commit as usual,
 * events wait in the outbox, the backlog gauge grows and the health indicator goes DOWN; when it is back,
 * the relay delivers them in order and the backlog drains.
 */
@SpringBootTest(properties = {
        "hazardloop.events.kafka-enabled=true",
        "hazardloop.events.relay.poll-interval=100ms",
        "hazardloop.events.relay.max-backoff=500ms",
        "hazardloop.events.relay.send-timeout=5s",
        "hazardloop.events.outbox.health-max-age=1s",
        "spring.kafka.producer.properties.max.block.ms=1000",
        "spring.kafka.producer.properties.request.timeout.ms=1000",
        "spring.kafka.producer.properties.delivery.timeout.ms=2000",
        "spring.kafka.admin.operation-timeout=2s"})
@ActiveProfiles("test")
@AutoConfigureObservability(tracing = false)
@DirtiesContext
@Import(HazardProcessDriver.class)
class KafkaOutageTest {

    private static final Path LOG_DIR = temporaryDirectory();
    private static final EmbeddedKafkaServer BROKER = new EmbeddedKafkaServer(LOG_DIR, freePort(), freePort());

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        BROKER.start();
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
    }

    @AfterAll
    static void removeBroker() throws IOException {
        BROKER.stop();
        try (Stream<Path> files = Files.walk(LOG_DIR)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Autowired
    HazardProcessDriver driver;

    @Autowired
    EventsProperties properties;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("outboxHealthIndicator")
    HealthIndicator outboxHealth;

    @Autowired
    JdbcClient jdbc;

    @Test
    void stepsCommitWhileKafkaIsDownAndTheirEventsFollowInOrderWhenItIsBack() {
        KafkaTopicReader reader = new KafkaTopicReader(BROKER.bootstrapServers());
        String lifecycle = properties.topics().lifecycle();
        String number = driver.report("商铺违规使用液化气钢瓶");
        await().atMost(Duration.ofSeconds(20)).until(() -> reader.readKey(lifecycle, number).size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> backlog() == 0);
        assertThat(outboxHealth.health().getStatus()).isEqualTo(Status.UP);

        BROKER.stop();
        driver.complete(SUPERVISOR, number, assignment("GENERAL", daysAhead(10)));
        driver.complete(FIRE_OFFICER, number, extensionRequest(daysAhead(30)));
        String other = driver.report("餐馆后厨油烟管道积油");

        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.EXTENSION_REQUESTED);
        assertThat(driver.task(other).getTaskDefinitionKey()).isEqualTo("Task_AssignHazard");
        assertThat(backlog()).isGreaterThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> failedAttempts(number) > 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxHealth.health().getStatus().equals(Status.DOWN));
        assertThat(outboxHealth.health().getDetails()).containsKey("lastError").containsKey("backlog");

        BROKER.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> backlog() == 0);
        assertThat(reader.readKey(lifecycle, number)).extracting(record -> header(record, "ce_id")).containsExactly(
                number + "/1/hazard.reported", number + "/2/hazard.assigned", number + "/3/hazard.extension-requested");
        assertThat(reader.readKey(lifecycle, other)).extracting(record -> header(record, "ce_id"))
                .containsExactly(other + "/1/hazard.reported");
        assertThat(outboxHealth.health().getStatus()).isEqualTo(Status.UP);
    }

    private double backlog() {
        return meters.get("hazardloop.outbox.backlog").gauge().value();
    }

    private int failedAttempts(String number) {
        return jdbc.sql("""
                SELECT COALESCE(MAX(attempts), 0) FROM hl_outbox
                 WHERE hazard_number = :number AND sent_at IS NULL AND last_error IS NOT NULL""")
                .param("number", number).query(Integer.class).single();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("kafka-outage-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
