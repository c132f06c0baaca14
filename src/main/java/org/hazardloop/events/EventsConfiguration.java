package org.hazardloop.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.transaction.support.TransactionTemplate;

/** Topics and the outbox relay. The Kafka connection itself is Spring Boot's ({@code spring.kafka.*}). */
@Configuration
@EnableConfigurationProperties(EventsProperties.class)
public class EventsConfiguration {

    /** Created at start-up when missing (and by the relay later, if Kafka was down at start-up). */
    @Bean
    KafkaAdmin.NewTopics hazardLoopTopics(EventsProperties properties) {
        EventsProperties.Topics topics = properties.topics();
        return new KafkaAdmin.NewTopics(
                topic(topics.lifecycle(), topics),
                topic(topics.escalations(), topics),
                topic(topics.reports(), topics),
                topic(topics.reportsDeadLetter(), topics));
    }

    private static NewTopic topic(String name, EventsProperties.Topics topics) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(topics.partitions());
        if (topics.replicas() != null) {
            builder.replicas(topics.replicas());
        }
        return builder.build();
    }

    @Bean
    OutboxRelay outboxRelay(EventsProperties properties, OutboxStore store, TransactionTemplate transaction,
                            OutboxSignal signal, KafkaProperties kafkaProperties, ObjectProvider<SslBundles> sslBundles,
                            KafkaAdmin kafkaAdmin, Clock clock) {
        if (!properties.kafkaEnabled()) {
            kafkaAdmin.setAutoCreate(false);
        }
        return new OutboxRelay("main", store, transaction,
                outboxProducerFactory(kafkaProperties.buildProducerProperties(sslBundles.getIfAvailable())),
                signal, properties.relay(), properties.outbox().retention(), kafkaAdmin::initialize, clock,
                properties.kafkaEnabled());
    }

    /**
     * The outbox producer: Spring Boot's producer settings, plus what the relay's guarantees rest on.
     * Idempotence with {@code acks=all} keeps a key's records in order and free of retry duplicates
     * while up to five requests are in flight; CloudEvents go in binary mode ({@code ce_*} headers, JSON data).
     */
    public static DefaultKafkaProducerFactory<String, CloudEvent> outboxProducerFactory(Map<String, Object> kafkaSettings) {
        Map<String, Object> settings = new HashMap<>(kafkaSettings);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        settings.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "hazard-loop-outbox");
        DefaultKafkaProducerFactory<String, CloudEvent> factory = new DefaultKafkaProducerFactory<>(settings);
        factory.setPhysicalCloseTimeout(5);
        return factory;
    }
}
