package org.hazardloop.events;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.HazardNotFound;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the lifecycle and the escalation events build the same way: the hazard as the ledger holds it in the current
 * transaction, the event's time, the link to the hazard, and the append to the outbox on the type's stream.
 */
@Component
class HazardEventWriter {

    private final HazardLedger ledger;
    private final EventOutbox outbox;
    private final EventsProperties properties;
    private final String publicUrl;

    HazardEventWriter(HazardLedger ledger, EventOutbox outbox, EventsProperties properties,
                      @Value("${hazardloop.public-url:http://localhost:8080}") String publicUrl) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.properties = properties;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    Hazard hazard(String number) {
        return ledger.find(number).orElseThrow(() -> new HazardNotFound(number));
    }

    /** Rounded to the microseconds the database stores, so the event's time is the timeline entry's time. */
    static OffsetDateTime eventTime(OffsetDateTime recorded) {
        return recorded.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    /** The hazard in the application's REST API. */
    String link(String number) {
        return publicUrl + "/api/hazards/" + number;
    }

    /** Appends the event in the caller's transaction; key and subject are the same: who reads the events in order. */
    void append(HazardEventType type, String key, String eventId, String hazardNumber, OffsetDateTime time, Object data) {
        outbox.append(new OutboxMessage(type.stream().topic(properties.topics()), key, eventId, type.type(), key,
                hazardNumber, time, data));
    }
}
