package org.hazardloop.events;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One event to publish, as handed to {@link EventOutbox#append}.
 *
 * @param topic        Kafka topic
 * @param key          Kafka record key: events of one key reach the topic in the order they were appended
 * @param eventId      CloudEvents {@code id}; must be unique and the same whenever the same event is built again
 * @param type         CloudEvents {@code type}
 * @param subject      CloudEvents {@code subject}, may be null
 * @param hazardNumber the hazard the event is about, may be null; lets the outbox be searched by hazard
 * @param time         CloudEvents {@code time}: when it happened
 * @param data         CloudEvents {@code data}, serialised as JSON
 */
public record OutboxMessage(
        String topic,
        String key,
        String eventId,
        String type,
        String subject,
        String hazardNumber,
        OffsetDateTime time,
        Object data) {

    public OutboxMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }
}
