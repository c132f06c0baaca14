package org.hazardloop.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hazardloop.events.OutboxStore.Backlog;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Makes an outbox backlog visible: the gauges {@code hazardloop.outbox.backlog} (unsent events) and
 * {@code hazardloop.outbox.oldest.age} (seconds the oldest unsent event has waited), and the health
 * indicator {@code outbox}: DOWN beyond {@code hazardloop.events.outbox.health-max-backlog} events or
 * {@code health-max-age}, UP otherwise. Users are not affected by a backlog; event consumers are.
 */
@Component("outboxHealthIndicator")
public class OutboxMonitoring implements MeterBinder, HealthIndicator {

    private final OutboxStore store;
    private final EventsProperties.Outbox settings;
    private final Clock clock;

    public OutboxMonitoring(OutboxStore store, EventsProperties properties, Clock clock) {
        this.store = store;
        this.settings = properties.outbox();
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("hazardloop.outbox.backlog", store, s -> s.backlog().unsent())
                .description("Events in the outbox that Kafka has not acknowledged yet")
                .baseUnit("events")
                .register(registry);
        TimeGauge.builder("hazardloop.outbox.oldest.age", store, TimeUnit.SECONDS, s -> age(s.backlog()).toSeconds())
                .description("How long the oldest unacknowledged event has waited in the outbox")
                .register(registry);
    }

    @Override
    public Health health() {
        Backlog backlog = store.backlog();
        Duration age = age(backlog);
        boolean tooMany = backlog.unsent() > settings.healthMaxBacklog();
        boolean tooOld = age.compareTo(settings.healthMaxAge()) > 0;
        Health.Builder health = tooMany || tooOld ? Health.down() : Health.up();
        health.withDetail("backlog", backlog.unsent())
                .withDetail("oldestUnsentAge", age.toString())
                .withDetail("maxBacklog", settings.healthMaxBacklog())
                .withDetail("maxAge", settings.healthMaxAge().toString());
        if (backlog.unsent() > 0) {
            store.lastError().ifPresent(error -> health.withDetail("lastError", error));
        }
        return health.build();
    }

    private Duration age(Backlog backlog) {
        if (backlog.oldest() == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(backlog.oldest().toInstant(), clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }
}
