package org.hazardloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hazardloop.events.KafkaTopicReader.header;
import static org.hazardloop.process.HazardProcessDriver.INSPECTOR;
import static org.hazardloop.process.HazardProcessDriver.SUPERVISOR;
import static org.hazardloop.process.HazardProcessDriver.assignment;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hazardloop.HazardLoopApplication;
import org.hazardloop.hazard.HazardReport;
import org.hazardloop.hazard.HazardReporting;
import org.hazardloop.organization.OrgLevel;
import org.hazardloop.organization.OrganizationWriter;
import org.hazardloop.process.HazardProcessDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;

/**
 * Two application instances on one database and one broker, as a production deployment with two replicas runs:
 * both job executors fire deadline timers and both relays publish the outbox. Every deadline notice must reach
 * the topic exactly once per id, and every outbox row must end up sent.
 */
@EmbeddedKafkaEventsTest
@TestPropertySource(properties = {
        "hazardloop.escalation.reminder-lead-time=3s",
        "hazardloop.escalation.interval.general=2s"})
class TwoInstancesEscalationKafkaTest {

    private static final int HAZARDS = 12;
    /** Reminder, overdue, then one escalation per level: T01-SAFETY, D01-SAFETY, C01-SAFETY. */
    private static final int NOTICES_PER_HAZARD = 5;

    @Autowired
    HazardProcessDriver driver;
    @Autowired
    HazardReporting reporting;
    @Autowired
    OrganizationWriter organization;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    EventsProperties properties;
    @Autowired
    JdbcClient jdbc;

    ConfigurableApplicationContext secondInstance;
    TopicRecorder escalations;
    String village;

    @BeforeEach
    void startSecondInstance() {
        // The same application, settings and database as this test's context, with a web server of its own.
        secondInstance = new SpringApplicationBuilder(HazardLoopApplication.class)
                .profiles("test")
                .properties(Map.of(
                        "server.port", "0",
                        "camunda.bpm.process-engine-name", "second-instance",
                        "spring.kafka.bootstrap-servers", broker.getBrokersAsString(),
                        "hazardloop.events.kafka-enabled", "true",
                        "hazardloop.events.relay.poll-interval", "100ms",
                        "hazardloop.events.relay.max-backoff", "500ms",
                        "hazardloop.escalation.reminder-lead-time", "3s",
                        "hazardloop.escalation.interval.general", "2s"))
                .run();
        escalations = new TopicRecorder(broker.getBrokersAsString(), properties.topics().escalations());
        village = "TI" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        organization.addUnit(village, "双实例测试社区" + village, OrgLevel.VILLAGE, "T01");
    }

    @AfterEach
    void stopSecondInstance() throws InterruptedException {
        escalations.close();
        secondInstance.close();
    }

    @Test
    void everyDeadlineNoticeReachesTheTopicOnceAndEveryOutboxRowIsSent() {
        List<String> numbers = new ArrayList<>();
        OffsetDateTime deadline = OffsetDateTime.now(HazardProcessDriver.BEIJING).plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < HAZARDS; i++) {
            String number = reporting.report(new HazardReport("two-instances-" + UUID.randomUUID(), "双实例逾期测试 " + i,
                    "现场检查发现的隐患", "FIRE", "长安镇" + village, village, null), INSPECTOR).number();
            driver.complete(SUPERVISOR, number, assignment("GENERAL", deadline));
            numbers.add(number);
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> noticesOf(numbers).size() >= HAZARDS * NOTICES_PER_HAZARD);
        // a little longer: a duplicate sent by the other instance would arrive now
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> noticesOf(numbers).size() == HAZARDS * NOTICES_PER_HAZARD);

        Map<String, Long> timesSeen = noticesOf(numbers).stream()
                .collect(Collectors.groupingBy(event -> header(event, "ce_id"), Collectors.counting()));
        assertThat(timesSeen).hasSize(HAZARDS * NOTICES_PER_HAZARD);
        assertThat(timesSeen.values()).as("no id twice on the topic").containsOnly(1L);
        for (String number : numbers) {
            assertThat(timesSeen.keySet().stream().filter(id -> id.startsWith(number + "/")))
                    .containsExactlyInAnyOrder(
                            number + "/rectification/1/hazard.deadline-approaching/0",
                            number + "/rectification/1/hazard.overdue/0",
                            number + "/rectification/1/hazard.escalated/1",
                            number + "/rectification/1/hazard.escalated/2",
                            number + "/rectification/1/hazard.escalated/3");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> unsentRowsOf(numbers) == 0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hl_outbox WHERE hazard_number IN (:numbers) AND topic = :topic")
                .param("numbers", numbers).param("topic", properties.topics().escalations())
                .query(Long.class).single())
                .as("one outbox row per notice").isEqualTo((long) HAZARDS * NOTICES_PER_HAZARD);
    }

    private List<ConsumerRecord<String, byte[]>> noticesOf(List<String> numbers) {
        Function<ConsumerRecord<String, byte[]>, String> number = event -> header(event, "ce_id").split("/")[0];
        return escalations.records(event -> numbers.contains(number.apply(event)));
    }

    private long unsentRowsOf(List<String> numbers) {
        return jdbc.sql("SELECT COUNT(*) FROM hl_outbox WHERE hazard_number IN (:numbers) AND sent_at IS NULL")
                .param("numbers", numbers).query(Long.class).single();
    }
}
