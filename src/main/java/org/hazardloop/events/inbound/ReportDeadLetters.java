package org.hazardloop.events.inbound;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hazardloop.events.EventsProperties;
import org.hazardloop.hazard.HazardRuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.JsonSerializer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to a report that cannot start a hazard: spring-kafka's {@link DefaultErrorHandler} with a
 * {@link DeadLetterPublishingRecoverer} to {@code hazard.reports.DLT}.
 * <ul>
 * <li>Malformed (not JSON, wrong types) or invalid (no {@code reportId}, a {@link HazardRuleViolation}):
 *     not retried, published to the dead-letter topic at once with the reason in the headers
 *     {@value #REASON_CODE_HEADER} and {@value #REASON_HEADER}, next to spring-kafka's own
 *     {@code kafka_dlt-*} headers; the offset is then committed and the consumer goes on.</li>
 * <li>Transient (database unreachable, concurrent update): retried with back-off until it works, so
 *     nothing valid is skipped.</li>
 * <li>Anything else: retried twice, then dead-lettered with the reason, so one bad message cannot
 *     stop the partition.</li>
 * </ul>
 * The dead letter keeps the original bytes when the message could not be read, and the report as JSON otherwise.
 */
public class ReportDeadLetters implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReportDeadLetters.class);

    public static final String REASON_HEADER = "hazardloop-dlt-reason";
    public static final String REASON_CODE_HEADER = "hazardloop-dlt-reason-code";

    /** Reason codes in {@value #REASON_CODE_HEADER}. */
    public static final String MALFORMED = "MALFORMED_MESSAGE";
    public static final String INVALID = "INVALID_REPORT";
    public static final String FAILED = "PROCESSING_FAILED";

    private final DefaultKafkaProducerFactory<Object, Object> producerFactory;
    private final DefaultErrorHandler errorHandler;

    public ReportDeadLetters(EventsProperties properties, Map<String, Object> producerSettings,
                             com.fasterxml.jackson.databind.ObjectMapper json) {
        Map<String, Object> settings = new LinkedHashMap<>(producerSettings);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "hazard-loop-report-dlt");
        this.producerFactory = new DefaultKafkaProducerFactory<>(settings, anything(json), anything(json));
        this.producerFactory.setPhysicalCloseTimeout(5);
        String deadLetterTopic = properties.topics().reportsDeadLetter();
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producerFactory),
                // partition -1: let the producer choose, the dead-letter topic may have other partitions
                (record, failure) -> new TopicPartition(deadLetterTopic, -1));
        recoverer.setHeadersFunction(ReportDeadLetters::reasonHeaders);
        this.errorHandler = new DefaultErrorHandler(recoverer, new FixedBackOff(1000, 2));
        errorHandler.addNotRetryableExceptions(HazardRuleViolation.class, DataIntegrityViolationException.class);
        ExponentialBackOff untilItWorks = new ExponentialBackOff(1000, 2.0);
        untilItWorks.setMaxInterval(30_000);
        untilItWorks.setMaxElapsedTime(Long.MAX_VALUE);
        errorHandler.setBackOffFunction((record, failure) -> TransientFailures.isTransient(failure) ? untilItWorks : null);
    }

    public DefaultErrorHandler errorHandler() {
        return errorHandler;
    }

    /** Raw bytes as they came, strings as text, the parsed report as JSON. */
    private static Serializer<Object> anything(com.fasterxml.jackson.databind.ObjectMapper json) {
        JsonSerializer<Object> asJson = new JsonSerializer<>(json);
        asJson.setAddTypeInfo(false);
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(String.class, new StringSerializer());
        byType.put(Object.class, asJson);
        return new DelegatingByTypeSerializer(byType, true);
    }

    static Headers reasonHeaders(ConsumerRecord<?, ?> record, Exception failure) {
        String code;
        String reason;
        HazardRuleViolation violation = find(failure, HazardRuleViolation.class);
        DeserializationException unreadable = find(failure, DeserializationException.class);
        if (unreadable != null) {
            code = MALFORMED;
            reason = "消息无法解析为隐患上报 JSON：" + innermost(unreadable).getMessage();
        } else if (violation != null) {
            code = INVALID;
            reason = violation.getMessage();
        } else {
            Throwable cause = innermost(failure);
            code = FAILED;
            reason = "处理失败：" + cause.getClass().getName() + ": " + cause.getMessage();
        }
        log.warn("Message {}-{}@{} goes to the dead-letter topic: {} {}", record.topic(), record.partition(),
                record.offset(), code, reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_CODE_HEADER, code.getBytes(StandardCharsets.UTF_8));
        headers.add(REASON_HEADER, truncate(reason).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable innermost(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String truncate(String reason) {
        return reason.length() > 2000 ? reason.substring(0, 2000) + "…" : reason;
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }
}
