package org.hazardloop.events.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hazardloop.events.EventsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JsonDeserializer;

/** The consumer of {@code hazard.reports}: a poll's reports stored together, acknowledged after they are, dead letters for the rest. */
@Configuration
public class InboundReportsConfiguration {

    static final String CONTAINER_FACTORY = "hazardReportsContainerFactory";

    @Bean
    ReportDeadLetters reportDeadLetters(EventsProperties properties, KafkaProperties kafkaProperties,
                                        ObjectProvider<SslBundles> sslBundles, ObjectMapper json) {
        return new ReportDeadLetters(properties, kafkaProperties.buildProducerProperties(sslBundles.getIfAvailable()), json);
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, InboundHazardReport> hazardReportsContainerFactory(
            EventsProperties properties, KafkaProperties kafkaProperties, ObjectProvider<SslBundles> sslBundles,
            ObjectMapper json, ReportDeadLetters deadLetters) {
        Map<String, Object> settings = new HashMap<>(kafkaProperties.buildConsumerProperties(sslBundles.getIfAvailable()));
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, properties.reports().groupId());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a new consumer group starts at the oldest report still on the topic: reports must not be missed
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a poll's reports are stored in one transaction (HazardReportListener): this bounds its size
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.reports().batchSize());
        // A message that cannot be read becomes a DeserializationException for the error handler
        // instead of failing the poll, so the consumer never stops on it.
        JsonDeserializer<InboundHazardReport> reports = new JsonDeserializer<>(InboundHazardReport.class, json, false);
        DefaultKafkaConsumerFactory<String, InboundHazardReport> consumers = new DefaultKafkaConsumerFactory<>(settings,
                new ErrorHandlingDeserializer<>(new StringDeserializer()), new ErrorHandlingDeserializer<>(reports));

        ConcurrentKafkaListenerContainerFactory<String, InboundHazardReport> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        // MANUAL, not MANUAL_IMMEDIATE: the poll's offsets are committed only after its hazards are stored, together
        // with the next poll rather than one synchronous commit each (docs/performance.md, report ingestion). A crash
        // before that commit redelivers reports whose hazards exist; their reportId makes them start nothing.
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        factory.setCommonErrorHandler(deadLetters.errorHandler());
        factory.setConcurrency(properties.reports().concurrency());
        factory.setAutoStartup(properties.kafkaEnabled());
        return factory;
    }
}
