package org.hazardloop.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: events are written to {@code hl_outbox} in the transaction of the change
 * they describe and published to Kafka by {@link OutboxRelay} after commit. A rolled-back step leaves no
 * event; a committed one is never lost, even while Kafka is down.
 *
 * <p>The engine and the application share one DataSource and one Spring transaction manager (the Camunda
 * starter's {@code DefaultDatasourceConfiguration} takes both from the context), so an append made from
 * a process listener joins the engine command's transaction.
 *
 * <p>Order: events of one key are published in the order of their outbox ids. Writers of one key must
 * therefore not interleave; hazard steps lock the ledger row, so one hazard's events are appended one
 * transaction after the other.
 *
 * <p>Hand-written rather than a library, because none found does this on Spring Boot 3.5 + plain JDBC:
 * <ul>
 * <li>Spring Modulith's event publication registry records publications per listener and its Kafka
 *     externalization sends them from an asynchronous after-commit listener; incomplete publications are
 *     resubmitted on restart or on demand, with no order per record key and no skip-locked claim across
 *     instances (docs.spring.io/spring-modulith/reference/events.html, "Externalizing Events" and
 *     "Event Publication Registry").</li>
 * <li>tomorrow-one/transactional-outbox (outbox-kafka-spring) keeps order, but needs Hibernate, is
 *     tested on PostgreSQL only and lets a single lock-holding instance publish (its README).</li>
 * <li>gruelbox/transaction-outbox stores serialised method invocations in tables it creates and migrates
 *     itself (outside Flyway), and processes its ordered "topics" by background flush only (its README,
 *     "Topics and FIFO ordering"); its rows are not events we could count, search by hazard or document.</li>
 * </ul>
 * The part that is hard to get right, publishing, uses spring-kafka's idempotent producer; this class and
 * {@link OutboxStore} are a table, an insert and one claim query.
 */
@Component
public class EventOutbox {

    private final OutboxStore store;
    private final ObjectMapper json;
    private final EventsProperties properties;
    private final OutboxSignal signal;

    public EventOutbox(OutboxStore store, ObjectMapper json, EventsProperties properties, OutboxSignal signal) {
        this.store = store;
        this.json = json;
        this.properties = properties;
        this.signal = signal;
    }

    /** Appends an event in the caller's transaction; there must be one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(OutboxMessage message) {
        store.insert(message, properties.source(), toJson(message.data()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.signal();
                }
            });
        }
    }

    private String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serialisable as JSON", e);
        }
    }
}
