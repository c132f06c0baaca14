package org.hazardloop.events;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code hazardloop.events.*}: topics, the outbox relay and the inbound report consumer.
 * The in-process broker of the embedded default has its own settings ({@code hazardloop.events.embedded-broker.*},
 * read before the context starts). See docs/events.md.
 *
 * @param source       CloudEvents {@code source} of every event this application emits
 * @param kafkaEnabled whether the application talks to Kafka at all (relay, report consumer, topic creation);
 *                     when off, events still go into the outbox and wait there
 */
@ConfigurationProperties("hazardloop.events")
public record EventsProperties(
        @DefaultValue("/hazard-loop") String source,
        @DefaultValue("true") boolean kafkaEnabled,
        @DefaultValue Topics topics,
        @DefaultValue Relay relay,
        @DefaultValue Outbox outbox,
        @DefaultValue Reports reports) {

    /**
     * Topic names. {@code partitions} applies to the topics this application creates when missing;
     * {@code replicas} unset means the broker's default replication factor.
     */
    public record Topics(
            @DefaultValue("hazard.lifecycle") String lifecycle,
            @DefaultValue("hazard.escalations") String escalations,
            @DefaultValue("hazard.reports") String reports,
            @DefaultValue("hazard.reports.DLT") String reportsDeadLetter,
            @DefaultValue("3") int partitions,
            Short replicas) {
    }

    /**
     * The outbox relay.
     *
     * @param batchSize    rows claimed per round (a key's rows in order, from its oldest unsent one)
     * @param pollInterval how often an idle relay looks for rows no local commit signalled (other instances' rows)
     * @param maxBackoff   the longest pause between rounds while Kafka is unreachable
     * @param sendTimeout  how long a round waits for Kafka's acknowledgements before it gives up on them
     * @param linger       how long the relay waits after a round that found less than a batch, so that events
     *                     committed meanwhile leave together in the next round; the first event after a quiet spell
     *                     leaves at once
     */
    public record Relay(
            @DefaultValue("100") int batchSize,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("60s") Duration sendTimeout,
            @DefaultValue("100ms") Duration linger) {
    }

    /**
     * The outbox table.
     *
     * @param healthMaxBacklog unsent events beyond which the health indicator reports DOWN
     * @param healthMaxAge     age of the oldest unsent event beyond which the health indicator reports DOWN
     * @param retention        how long sent rows are kept before they are deleted
     */
    public record Outbox(
            @DefaultValue("1000") long healthMaxBacklog,
            @DefaultValue("5m") Duration healthMaxAge,
            @DefaultValue("7d") Duration retention) {
    }

    /**
     * The consumer of {@code hazard.reports}.
     *
     * @param groupId     Kafka consumer group
     * @param concurrency consumer threads (at most as many as the topic has partitions are busy); one per partition
     *                    of the default topic, so a burst of reports is stored by three transactions at a time
     * @param batchSize   the most reports one poll hands the consumer ({@code max.poll.records}); they are stored in
     *                    one transaction
     */
    public record Reports(
            @DefaultValue("hazard-loop-reports") String groupId,
            @DefaultValue("3") int concurrency,
            @DefaultValue("50") int batchSize) {
    }
}
