package org.hazardloop.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning for as long as it is open, as a consumer that stays subscribed would, and keeps
 * every record it has seen. For tests that wait a while for records: one consumer for the whole wait rather than a
 * new one per look, which the machine would feel when several such tests run side by side.
 */
final class TopicRecorder implements AutoCloseable {

    private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread poller;
    private volatile boolean open = true;

    TopicRecorder(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-recorder-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = new Thread(this::poll, "topic-recorder-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (open) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        } catch (WakeupException closing) {
            // close() woke the consumer up
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** The records seen so far that match, in the order they were read (in order per partition). */
    List<ConsumerRecord<String, byte[]>> records(Predicate<ConsumerRecord<String, byte[]>> filter) {
        return records.stream().filter(filter).toList();
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        consumer.wakeup();
        poller.join(Duration.ofSeconds(5).toMillis());
    }
}
