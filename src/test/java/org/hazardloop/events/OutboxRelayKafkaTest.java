package org.hazardloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hazardloop.events.KafkaTopicReader.header;
import static org.hazardloop.events.KafkaTopicReader.json;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several application instances share one database: their relays claim rows with SKIP LOCKED, so every
 * event reaches the topic exactly once and each key's events stay in order.
 */
@EmbeddedKafkaEventsTest
class OutboxRelayKafkaTest {

    private static final String TOPIC = "outbox.relay.test";
    private static final int KEYS = 20;
    private static final int EVENTS_PER_KEY = 10;

    @Autowired
    OutboxRelay applicationRelay;

    @Autowired
    OutboxStore store;

    @Autowired
    EventOutbox outbox;

    @Autowired
    OutboxSignal signal;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void twoRelaysOnOneDatabaseSendEveryEventOnceAndInOrderPerKey() {
        kafkaAdmin.createOrModifyTopics(TopicBuilder.name(TOPIC).partitions(3).build());
        String prefix = "relay-test-" + UUID.randomUUID() + "-";
        applicationRelay.stop();
        OutboxRelay first = relay("first");
        OutboxRelay second = relay("second");
        try {
            first.start();
            second.start();
            // rounds of one event per key, each round one transaction, while both relays are running
            for (int sequence = 1; sequence <= EVENTS_PER_KEY; sequence++) {
                int round = sequence;
                transaction.executeWithoutResult(status -> {
                    for (int k = 0; k < KEYS; k++) {
                        String key = prefix + k;
                        outbox.append(new OutboxMessage(TOPIC, key, key + "/" + round, "test.counted", key, null,
                                OffsetDateTime.now(), Map.of("key", key, "sequence", round)));
                    }
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> unsent(prefix) == 0);
        } finally {
            first.destroy();
            second.destroy();
            applicationRelay.start();
        }

        List<ConsumerRecord<String, byte[]>> records = new KafkaTopicReader(broker.getBrokersAsString())
                .read(TOPIC, record -> record.key() != null && record.key().startsWith(prefix));
        List<String> ids = records.stream().map(record -> header(record, "ce_id")).toList();
        assertThat(ids).hasSize(KEYS * EVENTS_PER_KEY).doesNotHaveDuplicates();
        Map<String, List<Integer>> sequencesByKey = records.stream().collect(Collectors.groupingBy(
                ConsumerRecord::key, Collectors.mapping(record -> json(record).path("sequence").asInt(), Collectors.toList())));
        List<Integer> inOrder = new ArrayList<>();
        for (int sequence = 1; sequence <= EVENTS_PER_KEY; sequence++) {
            inOrder.add(sequence);
        }
        assertThat(sequencesByKey).hasSize(KEYS).allSatisfy((key, sequences) -> assertThat(sequences).isEqualTo(inOrder));
        assertThat(first.sentCount()).as("first relay's share").isPositive();
        assertThat(second.sentCount()).as("second relay's share").isPositive();
    }

    @Test
    void aKeysLaterEventIsNotSentAheadOfOneThatFailedToSendAtOnce() {
        kafkaAdmin.createOrModifyTopics(TopicBuilder.name(TOPIC).partitions(3).build());
        String prefix = "relay-held-" + UUID.randomUUID() + "-";
        String held = prefix + "held";
        String other = prefix + "other";
        applicationRelay.stop();
        // a producer that refuses records over 4 KB before sending them: the first event of one key is refused at once
        OutboxRelay relay = relay("held", Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4096));
        try {
            transaction.executeWithoutResult(status -> {
                outbox.append(new OutboxMessage(TOPIC, held, held + "/1", "test.counted", held, null,
                        OffsetDateTime.now(), Map.of("key", held, "sequence", 1, "filler", "x".repeat(8192))));
                outbox.append(new OutboxMessage(TOPIC, held, held + "/2", "test.counted", held, null,
                        OffsetDateTime.now(), Map.of("key", held, "sequence", 2)));
                outbox.append(new OutboxMessage(TOPIC, other, other + "/1", "test.counted", other, null,
                        OffsetDateTime.now(), Map.of("key", other, "sequence", 1)));
            });
            // rounds until this test's rows have been tried (older unsent rows of the shared database go first)
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                relay.relayOnce();
                return unsent(other) == 0 && attempts(held + "/1") > 0;
            });

            List<String> ids = new KafkaTopicReader(broker.getBrokersAsString())
                    .read(TOPIC, record -> record.key() != null && record.key().startsWith(prefix)).stream()
                    .map(record -> header(record, "ce_id")).toList();
            assertThat(ids).containsExactly(other + "/1");
            assertThat(unsent(held)).as("both events of the refused key wait in the outbox").isEqualTo(2);
        } finally {
            jdbc.sql("DELETE FROM hl_outbox WHERE message_key LIKE :prefix").param("prefix", prefix + "%").update();
            relay.destroy();
            applicationRelay.start();
        }
    }

    @Test
    void eventsCommittedWhileTheRelayLingersAfterARoundLeaveTogetherInTheNext() throws InterruptedException {
        kafkaAdmin.createOrModifyTopics(TopicBuilder.name(TOPIC).partitions(3).build());
        String prefix = "relay-linger-" + UUID.randomUUID() + "-";
        applicationRelay.stop();
        OutboxRelay lingering = relay("lingering", Map.of(),
                new EventsProperties.Relay(100, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(10),
                        Duration.ofSeconds(2)));
        try {
            lingering.start();
            append(prefix + "first");
            await().atMost(Duration.ofSeconds(30)).until(() -> unsent(prefix) == 0);
            // the round that sent the first event found less than a batch: the relay now waits before the next, and
            // two events committed a little apart in that time leave in one round (one sent_at), not one round each
            append(prefix + "second");
            Thread.sleep(300);
            append(prefix + "third");
            await().atMost(Duration.ofSeconds(30)).until(() -> unsent(prefix) == 0);
            assertThat(sentAt(prefix + "second")).isEqualTo(sentAt(prefix + "third"));
            assertThat(sentAt(prefix + "first")).isBefore(sentAt(prefix + "second"));
            List<String> ids = new KafkaTopicReader(broker.getBrokersAsString())
                    .read(TOPIC, record -> record.key() != null && record.key().startsWith(prefix)).stream()
                    .map(record -> header(record, "ce_id")).toList();
            assertThat(ids).containsExactlyInAnyOrder(prefix + "first/1", prefix + "second/1", prefix + "third/1");
        } finally {
            lingering.destroy();
            applicationRelay.start();
        }
    }

    private void append(String key) {
        transaction.executeWithoutResult(status -> outbox.append(new OutboxMessage(TOPIC, key, key + "/1",
                "test.counted", key, null, OffsetDateTime.now(), Map.of("key", key, "sequence", 1))));
    }

    private OffsetDateTime sentAt(String key) {
        return jdbc.sql("SELECT sent_at FROM hl_outbox WHERE message_key = :key").param("key", key)
                .query(OffsetDateTime.class).single();
    }

    /** A relay as another application instance runs it: its own producer, the same database. */
    private OutboxRelay relay(String name) {
        return relay(name, Map.of());
    }

    private OutboxRelay relay(String name, Map<String, Object> producerSettings) {
        return relay(name, producerSettings,
                new EventsProperties.Relay(5, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ZERO));
    }

    private OutboxRelay relay(String name, Map<String, Object> producerSettings, EventsProperties.Relay relaySettings) {
        Map<String, Object> settings = new HashMap<>(producerSettings);
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "relay-test-" + name);
        var producers = EventsConfiguration.outboxProducerFactory(settings);
        return new OutboxRelay(name, store, transaction, producers, signal, relaySettings,
                Duration.ofDays(7), () -> true, Clock.systemUTC(), false);
    }

    private long attempts(String eventId) {
        return jdbc.sql("SELECT attempts FROM hl_outbox WHERE event_id = :id").param("id", eventId)
                .query(Long.class).single();
    }

    private long unsent(String prefix) {
        return jdbc.sql("SELECT COUNT(*) FROM hl_outbox WHERE sent_at IS NULL AND message_key LIKE :prefix")
                .param("prefix", prefix + "%").query(Long.class).single();
    }
}
