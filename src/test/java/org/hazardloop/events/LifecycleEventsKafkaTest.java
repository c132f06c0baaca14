package org.hazardloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hazardloop.events.KafkaTopicReader.header;
import static org.hazardloop.events.KafkaTopicReader.json;
import static org.hazardloop.process.HazardProcessDriver.DISTRICT_OFFICER;
import static org.hazardloop.process.HazardProcessDriver.FIRE_OFFICER;
import static org.hazardloop.process.HazardProcessDriver.INSPECTOR;
import static org.hazardloop.process.HazardProcessDriver.SUPERVISOR;
import static org.hazardloop.process.HazardProcessDriver.assignment;
import static org.hazardloop.process.HazardProcessDriver.daysAhead;
import static org.hazardloop.process.HazardProcessDriver.decision;
import static org.hazardloop.process.HazardProcessDriver.extensionRequest;
import static org.hazardloop.process.HazardProcessDriver.submission;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.TimelineEntry;
import org.hazardloop.process.HazardProcessDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lifecycle events of hazards driven through the real process, read back from Kafka as a consumer sees
 * them: CloudEvents in binary mode ({@code ce_*} headers), JSON data, key = hazard number, in step order.
 */
@EmbeddedKafkaEventsTest
class LifecycleEventsKafkaTest {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Autowired
    HazardProcessDriver driver;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    EventsProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    EventOutbox outbox;

    KafkaTopicReader reader;

    @BeforeEach
    void reader() {
        reader = new KafkaTopicReader(broker.getBrokersAsString());
    }

    @Test
    void reportAndAssignmentArriveAsCloudEventsKeyedByHazardNumber() {
        String number = driver.report("商业街消防通道堵塞");
        driver.complete(SUPERVISOR, number, assignment("GENERAL", daysAhead(10)));
        Hazard hazard = driver.hazard(number);

        List<ConsumerRecord<String, byte[]>> events = eventsOf(number, 2);

        ConsumerRecord<String, byte[]> reported = events.get(0);
        assertThat(header(reported, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(reported, "ce_id")).isEqualTo(number + "/1/hazard.reported");
        assertThat(header(reported, "ce_type")).isEqualTo("hazard.reported");
        assertThat(header(reported, "ce_source")).isEqualTo("/hazard-loop");
        assertThat(header(reported, "ce_subject")).isEqualTo(number);
        assertThat(header(reported, "content-type")).isEqualTo("application/json");
        assertThat(OffsetDateTime.parse(header(reported, "ce_time")).toInstant())
                .isEqualTo(hazard.reportedAt().toInstant());
        JsonNode reportedData = json(reported);
        assertThat(reportedData.path("hazardNumber").asText()).isEqualTo(number);
        assertThat(reportedData.path("sequence").asInt()).isEqualTo(1);
        assertThat(reportedData.path("title").asText()).isEqualTo("商业街消防通道堵塞");
        assertThat(reportedData.path("sector").asText()).isEqualTo("FIRE");
        assertThat(reportedData.path("gridUnit").asText()).isEqualTo("V01");
        assertThat(reportedData.path("status").asText()).isEqualTo("REPORTED");
        assertThat(reportedData.path("actor").asText()).isEqualTo(INSPECTOR);
        assertThat(reportedData.has("grade")).as("no grade before assignment").isFalse();
        assertThat(reportedData.path("values").path("location").asText()).isEqualTo("长安镇新华社区商业街 12 号");
        assertThat(reportedData.path("link").asText()).isEqualTo("http://localhost:8080/api/hazards/" + number);

        ConsumerRecord<String, byte[]> assigned = events.get(1);
        assertThat(assigned.partition()).as("one hazard, one partition").isEqualTo(reported.partition());
        assertThat(assigned.offset()).isGreaterThan(reported.offset());
        assertThat(header(assigned, "ce_id")).isEqualTo(number + "/2/hazard.assigned");
        assertThat(header(assigned, "ce_type")).isEqualTo("hazard.assigned");
        JsonNode assignedData = json(assigned);
        assertThat(assignedData.path("sequence").asInt()).isEqualTo(2);
        assertThat(assignedData.path("grade").asText()).isEqualTo("GENERAL");
        assertThat(assignedData.path("riskLevel").asText()).isEqualTo("ORANGE");
        assertThat(assignedData.path("status").asText()).isEqualTo("RECTIFYING");
        assertThat(assignedData.path("responsibleDepartment").asText()).isEqualTo("T01-FIRE");
        assertThat(assignedData.path("responsiblePerson").asText()).isEqualTo(FIRE_OFFICER);
        assertThat(OffsetDateTime.parse(assignedData.path("deadline").asText()).toInstant())
                .isEqualTo(hazard.deadline().toInstant());
        assertThat(assignedData.path("actor").asText()).isEqualTo(SUPERVISOR);
        assertThat(assignedData.path("values").path("measures").asText()).isEqualTo("清理消防通道，拆除疏散门门锁，设置警示标识");
        assertThat(assignedData.path("values").path("funds").asText()).isEqualTo("5000.5");

        // The CloudEvents SDK reads the record as a binary-mode event with the same attributes and data.
        MessageReader message = KafkaMessageFactory.createReader(assigned);
        assertThat(message.getEncoding()).isEqualTo(Encoding.BINARY);
        CloudEvent event = message.toEvent();
        assertThat(event.getId()).isEqualTo(number + "/2/hazard.assigned");
        assertThat(event.getSubject()).isEqualTo(number);
        assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8)).contains("\"grade\":\"GENERAL\"");
    }

    @Test
    void everyStepOfAMajorHazardIsPublishedInOrderAndTheApprovalIsFollowedByClosed() {
        String number = driver.report("危化品仓库超量储存");
        driver.complete(SUPERVISOR, number, assignment("MAJOR", daysAhead(10)));
        driver.complete(FIRE_OFFICER, number, extensionRequest(daysAhead(30)));
        driver.complete(SUPERVISOR, number, decision("extensionApproved", false, "extensionReviewComment", "风险较高，须按期整改"));
        driver.complete(FIRE_OFFICER, number, extensionRequest(daysAhead(30)));
        driver.complete(SUPERVISOR, number, decision("extensionApproved", true, "extensionReviewComment", "同意，落实临时管控"));
        driver.complete(FIRE_OFFICER, number, submission("已转移超量库存", "800"));
        driver.complete(SUPERVISOR, number, decision("verificationPassed", false, "verificationComment", "仓库内仍有超量桶装物料"));
        driver.complete(FIRE_OFFICER, number, submission("剩余物料已转运", "300"));
        driver.complete(SUPERVISOR, number, decision("verificationPassed", true, "verificationComment", null));
        driver.complete(DISTRICT_OFFICER, number, decision("closeoutApproved", false, "closeoutComment", "缺少库存核查记录"));
        driver.complete(SUPERVISOR, number, decision("verificationPassed", true, "verificationComment", "核查记录已补齐"));
        driver.complete(DISTRICT_OFFICER, number, decision("closeoutApproved", true, "closeoutComment", "同意摘牌"));
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.CLOSED);

        List<String> expected = List.of("hazard.reported", "hazard.assigned", "hazard.extension-requested",
                "hazard.extension-rejected", "hazard.extension-requested", "hazard.extension-approved",
                "hazard.rectification-submitted", "hazard.verification-failed", "hazard.rectification-submitted",
                "hazard.verified", "hazard.closeout-rejected", "hazard.verified", "hazard.closed");
        List<ConsumerRecord<String, byte[]>> events = eventsOf(number, expected.size());
        assertThat(events).extracting(record -> header(record, "ce_type")).containsExactlyElementsOf(expected);
        assertThat(events).extracting(record -> record.partition()).containsOnly(events.get(0).partition());
        assertThat(events).extracting(record -> header(record, "ce_type")).containsAll(Arrays
                .stream(HazardEventType.values()).filter(type -> type.stream() == HazardEventType.Stream.LIFECYCLE)
                .map(HazardEventType::type).toList());

        // Each event's sequence is its step's place in the timeline; the close-out approval has no event
        // of its own, and hazard.closed carries its values.
        List<TimelineEntry> timeline = driver.timeline(number);
        for (ConsumerRecord<String, byte[]> event : events) {
            JsonNode data = json(event);
            int sequence = data.path("sequence").asInt();
            assertThat(header(event, "ce_id")).isEqualTo(number + "/" + sequence + "/" + header(event, "ce_type"));
            TimelineEntry step = timeline.get(sequence - 1);
            assertThat(data.path("actor").asText()).isEqualTo(step.actor());
            assertThat(data.path("status").asText()).isEqualTo(step.statusAfter().name());
            assertThat(OffsetDateTime.parse(data.path("occurredAt").asText()).toInstant())
                    .isEqualTo(step.occurredAt().toInstant());
        }
        JsonNode closed = json(events.get(events.size() - 1));
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("actor").asText()).isEqualTo(DISTRICT_OFFICER);
        assertThat(closed.path("values").path("closeoutApproved").asBoolean()).isTrue();
        assertThat(closed.path("values").path("closeoutComment").asText()).isEqualTo("同意摘牌");
        assertThat(json(events.get(7)).path("values").path("reworkCount").asInt()).isEqualTo(1);
    }

    @Test
    void aRefusedStepPublishesNothing() {
        String number = driver.report("加油站静电接地线断裂");
        Map<String, Object> withoutMeasures = assignment("GENERAL", daysAhead(10));
        withoutMeasures.remove("measures");
        driver.refused(SUPERVISOR, number, withoutMeasures);
        assertThat(outboxTypes(number)).containsExactly("hazard.reported");

        driver.complete(SUPERVISOR, number, assignment("GENERAL", daysAhead(10)));

        assertThat(eventsOf(number, 2)).extracting(record -> header(record, "ce_id"))
                .containsExactly(number + "/1/hazard.reported", number + "/2/hazard.assigned");
    }

    /**
     * The engine, the ledger and the outbox share one transaction: a task completed inside a transaction
     * that then rolls back leaves the task open, the ledger unchanged and no event.
     */
    @Test
    void engineLedgerAndOutboxRollBackTogether() {
        String number = driver.report("配电箱无防护罩");
        transaction.executeWithoutResult(status -> {
            driver.complete(SUPERVISOR, number, assignment("GENERAL", daysAhead(10)));
            assertThat(outboxTypes(number)).as("inside the transaction").containsExactly("hazard.reported", "hazard.assigned");
            status.setRollbackOnly();
        });

        assertThat(driver.task(number).getTaskDefinitionKey()).isEqualTo("Task_AssignHazard");
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.REPORTED);
        assertThat(outboxTypes(number)).containsExactly("hazard.reported");

        driver.complete(SUPERVISOR, number, assignment("GENERAL", daysAhead(10)));
        assertThat(eventsOf(number, 2)).extracting(record -> header(record, "ce_type"))
                .containsExactly("hazard.reported", "hazard.assigned");
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        OutboxMessage message = new OutboxMessage(properties.topics().lifecycle(), "k", "no-transaction-" + System.nanoTime(),
                "hazard.reported", null, null, OffsetDateTime.now(), Map.of());
        assertThatThrownBy(() -> outbox.append(message)).isInstanceOf(IllegalTransactionStateException.class);
    }

    /** Exactly {@code count} events of the hazard once delivered; fails on a missing or an extra one. */
    private List<ConsumerRecord<String, byte[]>> eventsOf(String number, int count) {
        String topic = properties.topics().lifecycle();
        await().atMost(DELIVERY).until(() -> reader.readKey(topic, number).size() >= count);
        List<ConsumerRecord<String, byte[]>> events = reader.readKey(topic, number);
        assertThat(events).hasSize(count);
        return events;
    }

    private List<String> outboxTypes(String number) {
        return jdbc.sql("SELECT event_type FROM hl_outbox WHERE hazard_number = :number ORDER BY id")
                .param("number", number).query(String.class).list();
    }
}
