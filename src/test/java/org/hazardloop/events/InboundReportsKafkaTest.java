package org.hazardloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hazardloop.events.KafkaTopicReader.header;
import static org.hazardloop.events.KafkaTopicReader.json;
import static org.hazardloop.events.KafkaTopicReader.text;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hazardloop.events.inbound.ReportDeadLetters;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.HazardStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * Reports sent to {@code hazard.reports} as an inspection app would: each starts one hazard, a repeated
 * report starts nothing, and messages that cannot start a hazard go to {@code hazard.reports.DLT} with the
 * reason, while the valid reports around them are still processed and every offset gets committed.
 */
@EmbeddedKafkaEventsTest
class InboundReportsKafkaTest {

    private static final Duration PROCESSING = Duration.ofSeconds(30);

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    EventsProperties properties;

    @Autowired
    HazardLedger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    KafkaProducer<String, byte[]> producer;
    KafkaTopicReader reader;

    @BeforeEach
    void clients() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer());
        reader = new KafkaTopicReader(broker.getBrokersAsString());
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void aReportStartsAHazardAndARepeatedReportStartsNothing() {
        String key = "device-" + UUID.randomUUID();
        String reportId = "kafka-" + UUID.randomUUID();
        String report = report(reportId, "喷淋管网压力不足");
        send(key, report);
        send(key, report);
        // a later report on the same key (same partition) is processed after both copies
        String laterId = "kafka-" + UUID.randomUUID();
        send(key, report(laterId, "疏散指示灯损坏"));

        Hazard later = awaitHazard(laterId);
        assertThat(later.reporter()).isEqualTo("inspector");
        Hazard hazard = ledger.findByReportId(reportId).orElseThrow();
        assertThat(hazard.title()).isEqualTo("喷淋管网压力不足");
        assertThat(hazard.status()).isEqualTo(HazardStatus.REPORTED);
        assertThat(hazard.processInstanceId()).isNotNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE report_id = :id").param("id", reportId)
                .query(Long.class).single()).isEqualTo(1);

        await().atMost(PROCESSING).until(() -> !reader.readKey(properties.topics().lifecycle(), later.number()).isEmpty());
        List<ConsumerRecord<String, byte[]>> events = reader.readKey(properties.topics().lifecycle(), hazard.number());
        assertThat(events).extracting(record -> header(record, "ce_type")).containsExactly("hazard.reported");
        assertThat(json(events.get(0)).path("values").path("reportId").asText()).isEqualTo(reportId);
        assertThat(json(events.get(0)).path("actor").asText()).isEqualTo("inspector");
        awaitAllCommitted(key);
    }

    @Test
    void messagesThatCannotStartAHazardGoToTheDeadLetterTopicWithTheReason() {
        String key = "device-" + UUID.randomUUID();
        String firstId = "kafka-" + UUID.randomUUID();
        String badSectorId = "kafka-" + UUID.randomUUID();
        String lastId = "kafka-" + UUID.randomUUID();
        send(key, report(firstId, "配电箱无防护罩"));
        RecordMetadata notJson = send(key, "{\"reportId\": \"broken");
        send(key, """
                {"reporter": "inspector", "title": "楼梯间堆放杂物", "description": "影响疏散", "sector": "FIRE",
                 "location": "3 号楼", "gridUnit": "V01"}""");
        send(key, report(badSectorId, "锅炉压力表失效").replace("\"FIRE\"", "\"BOILERS\""));
        send(key, (String) null);
        send(key, report("kafka-" + UUID.randomUUID(), "燃气管道锈蚀").replace("\"discoveredAt\": null", "\"discoveredAt\": \"昨天\""));
        send(key, report(lastId, "电动车楼道充电"));

        awaitHazard(lastId);
        assertThat(ledger.findByReportId(firstId)).isPresent();
        assertThat(ledger.findByReportId(badSectorId)).isEmpty();

        String deadLetters = properties.topics().reportsDeadLetter();
        await().atMost(PROCESSING).until(() -> reader.readKey(deadLetters, key).size() >= 5);
        List<ConsumerRecord<String, byte[]>> dead = reader.readKey(deadLetters, key);
        assertThat(dead).hasSize(5);
        assertThat(dead).extracting(record -> header(record, ReportDeadLetters.REASON_CODE_HEADER)).containsExactly(
                ReportDeadLetters.MALFORMED, ReportDeadLetters.INVALID, ReportDeadLetters.INVALID,
                ReportDeadLetters.INVALID, ReportDeadLetters.MALFORMED);
        assertThat(header(dead.get(0), ReportDeadLetters.REASON_HEADER)).startsWith("消息无法解析为隐患上报 JSON");
        assertThat(text(dead.get(0))).as("the unreadable bytes, unchanged").isEqualTo("{\"reportId\": \"broken");
        assertThat(header(dead.get(0), "kafka_dlt-original-topic")).isEqualTo(properties.topics().reports());
        // spring-kafka writes the original offset as an 8-byte big-endian long
        assertThat(ByteBuffer.wrap(dead.get(0).headers().lastHeader("kafka_dlt-original-offset").value()).getLong())
                .isEqualTo(notJson.offset());
        assertThat(header(dead.get(1), ReportDeadLetters.REASON_HEADER)).contains("上报编号未填写");
        assertThat(json(dead.get(1)).path("title").asText()).isEqualTo("楼梯间堆放杂物");
        assertThat(header(dead.get(2), ReportDeadLetters.REASON_HEADER)).contains("行业领域代码无效：BOILERS");
        assertThat(header(dead.get(3), ReportDeadLetters.REASON_HEADER)).contains("消息内容为空");
        assertThat(dead.get(3).value()).isNull();
        assertThat(header(dead.get(4), ReportDeadLetters.REASON_HEADER)).contains("昨天");

        awaitAllCommitted(key);
        assertThat(listeners.getListenerContainer("hazard-reports").isRunning()).isTrue();
    }

    @Test
    void aPollWithBadReportsAmongGoodOnesStoresEveryGoodReportOnceAndDeadLettersTheBadOnes() {
        String key = "device-" + UUID.randomUUID();
        List<String> good = new java.util.ArrayList<>();
        var container = listeners.getListenerContainer("hazard-reports");
        // paused, the consumer finds the whole burst on the partition when it resumes: one poll, one transaction
        container.pause();
        try {
            await().atMost(PROCESSING).until(container::isContainerPaused);
            for (int i = 0; i < 30; i++) {
                String id = "kafka-" + UUID.randomUUID();
                if (i == 7) {
                    send(key, report(id, "配电柜接地缺失").replace("\"V01\"", "\"NOWHERE\""));
                } else if (i == 19) {
                    send(key, "not a report");
                } else {
                    good.add(id);
                    send(key, report(id, "巡查发现第 " + i + " 项"));
                }
            }
            send(key, report(good.get(3), "巡查发现第 3 项"));
        } finally {
            container.resume();
        }

        good.forEach(this::awaitHazard);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE report_id IN (:ids)").param("ids", good)
                .query(Long.class).single()).as("each good report started one hazard").isEqualTo(28);
        String deadLetters = properties.topics().reportsDeadLetter();
        await().atMost(PROCESSING).until(() -> reader.readKey(deadLetters, key).size() >= 2);
        assertThat(reader.readKey(deadLetters, key)).extracting(record -> header(record, ReportDeadLetters.REASON_CODE_HEADER))
                .containsExactly(ReportDeadLetters.INVALID, ReportDeadLetters.MALFORMED);
        awaitAllCommitted(key);
        assertThat(reader.readKey(deadLetters, key)).as("nothing dead-lettered twice").hasSize(2);
    }

    private static String report(String reportId, String title) {
        return """
                {"reportId": "%s", "reporter": "inspector", "title": "%s", "description": "巡查发现，需尽快整改",
                 "sector": "FIRE", "location": "长安镇新华社区", "gridUnit": "V01", "discoveredAt": null,
                 "deviceModel": "ignored by the consumer"}""".formatted(reportId, title);
    }

    private RecordMetadata send(String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(properties.topics().reports(), key,
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Hazard awaitHazard(String reportId) {
        await().atMost(PROCESSING).until(() -> ledger.findByReportId(reportId).isPresent());
        return ledger.findByReportId(reportId).orElseThrow();
    }

    /** The consumer group has committed past every message sent on the key's partition. */
    private void awaitAllCommitted(String key) {
        TopicPartition partition = new TopicPartition(properties.topics().reports(),
                send(key, report("kafka-" + UUID.randomUUID(), "巡查标记")).partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            await().atMost(PROCESSING).until(() -> {
                long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(properties.reports().groupId())
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() == end;
            });
        }
    }
}
