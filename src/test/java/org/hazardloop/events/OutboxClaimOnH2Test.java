package org.hazardloop.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.hazardloop.events.OutboxStore.OutboxRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded default runs on H2 2.3: the outbox migration and the relay's claim (NOT EXISTS, LIMIT,
 * FOR UPDATE SKIP LOCKED) must work there too. Only one application instance can open the H2 file, but
 * the claim must still never hand one row to two transactions, nor a key's later rows to any but the one
 * holding its oldest.
 */
class OutboxClaimOnH2Test {

    private JdbcClient jdbc;
    private TransactionTemplate transaction;
    private OutboxStore store;
    private EventOutbox outbox;

    @BeforeEach
    void database() {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:outbox-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=2000", "sa", "");
        Flyway.configure().dataSource(dataSource).table("hl_flyway_schema_history").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        store = new OutboxStore(jdbc);
        EventsProperties properties = new EventsProperties("/hazard-loop", true,
                new EventsProperties.Topics("hazard.lifecycle", "hazard.escalations", "hazard.reports", "hazard.reports.DLT", 3, null),
                new EventsProperties.Relay(100, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ZERO),
                new EventsProperties.Outbox(1000, Duration.ofMinutes(5), Duration.ofDays(7)),
                new EventsProperties.Reports("hazard-loop-reports", 1, 50));
        outbox = new EventOutbox(store, new ObjectMapper(), properties, new OutboxSignal());
    }

    @Test
    void aKeysEventsAreClaimedInOrderFromItsOldestUnsentOne() {
        append("a", 1);
        append("b", 1);
        append("a", 2);
        append("c", 1);
        append("b", 2);
        append("a", 3);

        assertThat(claimedInOneTransaction(10)).as("every key from its oldest event, in outbox order")
                .containsExactly("a/1", "b/1", "a/2", "c/1", "b/2", "a/3");
        assertThat(claimedInOneTransaction(4)).as("the oldest of each key first, then the later ones")
                .containsExactly("a/1", "b/1", "a/2", "c/1");

        // a/1 not acknowledged: a/2 and a/3 wait behind it; b/1 sent: b/2 is next
        transaction.executeWithoutResult(status -> store.markSent(
                store.claimNext(2).stream().filter(row -> row.key().equals("b")).map(OutboxRow::id).toList(),
                OffsetDateTime.now()));
        assertThat(claimedInOneTransaction(2)).containsExactly("a/1", "c/1");
        assertThat(claimedInOneTransaction(10)).containsExactly("a/1", "a/2", "c/1", "b/2", "a/3");
        assertThat(store.backlog().unsent()).isEqualTo(5);
    }

    @Test
    void aRowClaimedByOneTransactionIsSkippedByAnother() throws Exception {
        for (String key : List.of("a", "b", "c", "d")) {
            append(key, 1);
        }
        append("a", 2);
        CountDownLatch firstHoldsItsClaim = new CountDownLatch(1);
        CountDownLatch secondIsDone = new CountDownLatch(1);
        CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
            List<String> mine = claimed(2);
            firstHoldsItsClaim.countDown();
            await(secondIsDone);
            return mine;
        }));
        assertThat(firstHoldsItsClaim.await(10, TimeUnit.SECONDS)).isTrue();
        List<String> second = transaction.execute(status -> claimed(10));
        secondIsDone.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).containsExactly("a/1", "b/1");
        assertThat(second).as("nothing of a key another transaction holds, not even its later events")
                .doesNotContain("a/1", "b/1", "a/2").isSubsetOf("c/1", "d/1");
    }

    private void append(String key, int sequence) {
        transaction.executeWithoutResult(status -> outbox.append(new OutboxMessage("hazard.lifecycle", key,
                key + "/" + sequence, "hazard.reported", key, key, OffsetDateTime.now(), Map.of("sequence", sequence))));
    }

    private List<String> claimedInOneTransaction(int limit) {
        return transaction.execute(status -> claimed(limit));
    }

    private List<String> claimed(int limit) {
        return store.claimNext(limit).stream().map(OutboxRow::eventId).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
