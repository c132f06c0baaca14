package org.hazardloop.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hazardloop.events.OutboxStore.OutboxRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to Kafka, in order per key, and marks them sent.
 *
 * <p>Each round runs in one database transaction: claim a batch (keys from their oldest unsent row on,
 * {@code FOR UPDATE SKIP LOCKED}, see {@link OutboxStore#claimNext}), send it in outbox order with the idempotent
 * producer ({@code acks=all}), which writes a partition's events in the order they were sent, wait for the
 * acknowledgements, mark the acknowledged rows sent and record the error on the others. Any number of
 * application instances may run a relay on the same database: a key's unsent rows are held by one relay at a
 * time, and a row is only marked sent when every earlier row of its key is.
 *
 * <p>Delivery is at least once: a send whose acknowledgement is lost is sent again in a later round.
 * Event ids are deterministic, so consumers drop duplicates by id.
 *
 * <p>While Kafka is unreachable, rounds fail and back off (up to {@code hazardloop.events.relay.max-backoff});
 * business transactions are not affected, rows accumulate and the backlog shows in the
 * {@code hazardloop.outbox.backlog} gauge and the {@code outbox} health indicator.
 */
public class OutboxRelay implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration CLEANUP_INTERVAL = Duration.ofHours(1);

    private final String name;
    private final OutboxStore store;
    private final TransactionTemplate transaction;
    private final DefaultKafkaProducerFactory<String, CloudEvent> producerFactory;
    private final KafkaTemplate<String, CloudEvent> kafka;
    private final OutboxSignal signal;
    private final EventsProperties.Relay settings;
    private final Duration retention;
    private final BooleanSupplier ensureTopics;
    private final Clock clock;
    private final boolean autoStartup;

    private final AtomicLong sentCount = new AtomicLong();
    private volatile boolean running;
    private volatile Thread worker;
    private boolean topicsReady;
    private Instant nextTopicsAttempt = Instant.EPOCH;
    private Instant nextCleanup = Instant.EPOCH;

    public OutboxRelay(String name, OutboxStore store, TransactionTemplate transaction,
                       DefaultKafkaProducerFactory<String, CloudEvent> producerFactory, OutboxSignal signal,
                       EventsProperties.Relay settings, Duration retention, BooleanSupplier ensureTopics,
                       Clock clock, boolean autoStartup) {
        this.name = name;
        this.store = store;
        this.transaction = transaction;
        this.producerFactory = producerFactory;
        this.kafka = new KafkaTemplate<>(producerFactory);
        // failures are counted and logged per round here; the default listener would log every event's payload
        this.kafka.setProducerListener(new ProducerListener<>() { });
        this.signal = signal;
        this.settings = settings;
        this.retention = retention;
        this.ensureTopics = ensureTopics;
        this.clock = clock;
        this.autoStartup = autoStartup;
    }

    /** The result of one round: rows claimed, how many Kafka acknowledged and how many it did not. */
    record Round(int claimed, int sent, int failed) {
    }

    /** Claims, sends and marks one batch. */
    Round relayOnce() {
        Round round = transaction.execute(status -> {
            List<OutboxRow> rows = store.claimNext(settings.batchSize());
            if (rows.isEmpty()) {
                return new Round(0, 0, 0);
            }
            List<CompletableFuture<?>> sends = sendInOrderOfTheirKeys(rows);
            long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
            List<Long> sent = new ArrayList<>();
            // A key whose event was not acknowledged has its later events of this round sent again later, after
            // that one: the idempotent producer wrote none of them ahead of it, and none is marked sent before it.
            Set<String> keysHeldBack = new HashSet<>();
            int failed = 0;
            for (int i = 0; i < rows.size(); i++) {
                OutboxRow row = rows.get(i);
                String error = awaitAck(sends.get(i), deadline);
                if (error == null && !keysHeldBack.contains(row.key())) {
                    sent.add(row.id());
                } else {
                    failed++;
                    keysHeldBack.add(row.key());
                    store.markFailed(row.id(), error == null ? "an earlier event of its key was not acknowledged" : error);
                    log.debug("Outbox row {} ({}) not acknowledged: {}", row.id(), row.eventId(), error);
                }
            }
            store.markSent(sent, OffsetDateTime.now(clock));
            return new Round(rows.size(), sent.size(), failed);
        });
        sentCount.addAndGet(round.sent());
        if (round.failed() > 0) {
            // A fresh producer after a failure: no half-broken connection or producer epoch is carried over.
            producerFactory.reset();
        }
        return round;
    }

    /**
     * Hands the rows to the producer in their order. A send that fails at once (no metadata for the topic while the
     * broker comes back, say) fails before the producer holds the record, and a later event of its key could then
     * still be written ahead of it: that key's later rows are not handed over in this round, and wait for the next.
     */
    private List<CompletableFuture<?>> sendInOrderOfTheirKeys(List<OutboxRow> rows) {
        Set<String> failedAtOnce = new HashSet<>();
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            if (failedAtOnce.contains(row.key())) {
                sends.add(CompletableFuture.failedFuture(new IllegalStateException(
                        "not sent: an earlier event of its key failed to send")));
                continue;
            }
            CompletableFuture<?> send = send(row);
            if (send.isCompletedExceptionally()) {
                failedAtOnce.add(row.key());
            }
            sends.add(send);
        }
        return sends;
    }

    private CompletableFuture<?> send(OutboxRow row) {
        try {
            return kafka.send(new ProducerRecord<>(row.topic(), row.key(), cloudEvent(row)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static CloudEvent cloudEvent(OutboxRow row) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(row.eventId())
                .withSource(URI.create(row.source()))
                .withType(row.type())
                .withTime(row.createdAt())
                .withDataContentType("application/json")
                .withData(row.payload().getBytes(StandardCharsets.UTF_8));
        if (row.subject() != null) {
            event.withSubject(row.subject());
        }
        return event.build();
    }

    /** Null when acknowledged, otherwise what went wrong. */
    private static String awaitAck(CompletableFuture<?> send, long deadline) {
        try {
            send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } catch (TimeoutException e) {
            return "no acknowledgement from Kafka within the send timeout";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "relay interrupted while waiting for Kafka";
        }
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        long seen = signal.generation();
        while (running) {
            try {
                ensureTopicsNowAndThen();
                Round round = relayOnce();
                if (!running) {
                    return;
                }
                if (round.failed() > 0) {
                    backoff = nextBackoff(backoff);
                    log.warn("Outbox relay {}: Kafka did not acknowledge {} of {} events; retrying in {} ms",
                            name, round.failed(), round.claimed(), backoff.toMillis());
                    pause(backoff);
                } else {
                    if (!backoff.isZero()) {
                        log.info("Outbox relay {}: Kafka acknowledges events again", name);
                    }
                    backoff = Duration.ZERO;
                    cleanUpNowAndThen();
                    if (round.claimed() == 0) {
                        seen = signal.awaitAfter(seen, settings.pollInterval());
                    } else if (round.claimed() < settings.batchSize()) {
                        // Under load a round would otherwise follow each commit with one or two events, each round a
                        // transaction and a wait for Kafka: gathering the events of the next few commits makes fewer,
                        // fuller rounds for at most this much more latency (docs/performance.md).
                        pause(settings.linger());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // e.g. the database is unreachable: nothing was marked, the rows are tried again
                backoff = nextBackoff(backoff);
                log.warn("Outbox relay {} failed a round; retrying in {} ms", name, backoff.toMillis(), e);
                try {
                    pause(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Topic creation at start-up fails while Kafka is down; retried now and then until it has worked once. */
    private void ensureTopicsNowAndThen() {
        Instant now = clock.instant();
        if (topicsReady || now.isBefore(nextTopicsAttempt)) {
            return;
        }
        try {
            topicsReady = ensureTopics.getAsBoolean();
        } catch (RuntimeException e) {
            log.warn("Outbox relay {}: topics not created yet ({})", name, e.getMessage());
        }
        if (!topicsReady) {
            nextTopicsAttempt = now.plus(settings.maxBackoff());
        }
    }

    private Duration nextBackoff(Duration current) {
        Duration next = current.isZero() ? FIRST_BACKOFF : current.multipliedBy(2);
        return next.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : next;
    }

    private void pause(Duration backoff) throws InterruptedException {
        long until = System.nanoTime() + backoff.toNanos();
        while (running && System.nanoTime() < until) {
            Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    private void cleanUpNowAndThen() {
        Instant now = clock.instant();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plus(CLEANUP_INTERVAL);
        int deleted = store.deleteSentBefore(OffsetDateTime.now(clock).minus(retention));
        if (deleted > 0) {
            log.info("Outbox relay {} deleted {} events sent more than {} ago", name, deleted, retention);
        }
    }

    /** Events this relay has had acknowledged since it was created. */
    public long sentCount() {
        return sentCount.get();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread thread = new Thread(this::run, "outbox-relay-" + name);
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            // A round blocked on an unreachable Kafka is cut short; its rows stay unsent for the next start.
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public void destroy() {
        stop();
        producerFactory.destroy();
    }
}
