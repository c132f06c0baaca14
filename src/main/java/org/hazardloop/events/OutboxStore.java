package org.hazardloop.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code hl_outbox} table. Portable SQL: PostgreSQL and H2 2.3 run the same statements. */
@Repository
public class OutboxStore {

    private static final String SELECT_ROWS = """
            SELECT o.id, o.topic, o.message_key, o.event_id, o.event_type, o.event_source, o.subject, o.payload,
                   o.created_at, o.attempts
              FROM hl_outbox o
            """;

    private final JdbcClient jdbc;

    public OutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Joins the caller's transaction. */
    void insert(OutboxMessage message, String source, String payload) {
        jdbc.sql("""
                INSERT INTO hl_outbox (topic, message_key, event_id, event_type, event_source, subject, hazard_number,
                                       payload, created_at)
                VALUES (:topic, :key, :eventId, :type, :source, :subject, :hazardNumber, :payload, :createdAt)""")
                .param("topic", message.topic())
                .param("key", message.key())
                .param("eventId", message.eventId())
                .param("type", message.type())
                .param("source", source)
                .param("subject", message.subject())
                .param("hazardNumber", message.hazardNumber())
                .param("payload", payload)
                .param("createdAt", message.time())
                .update();
    }

    /**
     * Claims up to {@code limit} rows to send, locking them until the caller's transaction ends, in outbox order.
     * A key's rows are claimed from its oldest unsent row on: only that row makes the key eligible, and rows another
     * relay holds are skipped rather than waited for ({@code SKIP LOCKED}); the key's later rows then come with it,
     * so one key's events leave strictly in order however many relays run, and a burst to one department (every
     * overdue notice of the day to one office) leaves a batch at a time rather than one event per round. Another
     * relay never claims those later rows: while the oldest is unsent, none of them is eligible. (On H2, where only
     * one application instance can open the file database, SKIP LOCKED is accepted and simply never contended.)
     */
    List<OutboxRow> claimNext(int limit) {
        List<OutboxRow> oldest = jdbc.sql(SELECT_ROWS + """
                 WHERE o.sent_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM hl_outbox e
                                    WHERE e.sent_at IS NULL AND e.message_key = o.message_key AND e.id < o.id)
                 ORDER BY o.id
                 LIMIT :limit
                   FOR UPDATE SKIP LOCKED""")
                .param("limit", limit)
                .query(OutboxStore::row)
                .list();
        if (oldest.isEmpty() || oldest.size() >= limit) {
            return oldest;
        }
        List<OutboxRow> later = jdbc.sql(SELECT_ROWS + """
                 WHERE o.sent_at IS NULL AND o.message_key IN (:keys) AND o.id NOT IN (:claimed)
                 ORDER BY o.id
                 LIMIT :limit
                   FOR UPDATE""")
                .param("keys", oldest.stream().map(OutboxRow::key).distinct().toList())
                .param("claimed", oldest.stream().map(OutboxRow::id).toList())
                .param("limit", limit - oldest.size())
                .query(OutboxStore::row)
                .list();
        List<OutboxRow> claimed = new ArrayList<>(oldest);
        claimed.addAll(later);
        claimed.sort(Comparator.comparingLong(OutboxRow::id));
        return claimed;
    }

    private static OutboxRow row(ResultSet rs, int row) throws SQLException {
        return new OutboxRow(
                rs.getLong("id"),
                rs.getString("topic"),
                rs.getString("message_key"),
                rs.getString("event_id"),
                rs.getString("event_type"),
                rs.getString("event_source"),
                rs.getString("subject"),
                rs.getString("payload"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getInt("attempts"));
    }

    void markSent(List<Long> ids, OffsetDateTime at) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE hl_outbox SET sent_at = :at, attempts = attempts + 1, last_error = NULL WHERE id IN (:ids)")
                .param("at", at).param("ids", ids).update();
    }

    void markFailed(long id, String error) {
        String message = error == null ? "unknown error" : error;
        jdbc.sql("UPDATE hl_outbox SET attempts = attempts + 1, last_error = :error WHERE id = :id")
                .param("error", message.length() > 2000 ? message.substring(0, 2000) : message)
                .param("id", id).update();
    }

    /** Unsent rows: how many, since when, and the last error a relay recorded on one of them. */
    public Backlog backlog() {
        return jdbc.sql("SELECT COUNT(*) AS unsent, MIN(created_at) AS oldest FROM hl_outbox WHERE sent_at IS NULL")
                .query((rs, row) -> new Backlog(rs.getLong("unsent"), rs.getObject("oldest", OffsetDateTime.class)))
                .single();
    }

    public Optional<String> lastError() {
        return jdbc.sql("""
                SELECT last_error FROM hl_outbox
                 WHERE sent_at IS NULL AND last_error IS NOT NULL
                 ORDER BY id DESC
                 LIMIT 1""")
                .query(String.class).optional();
    }

    int deleteSentBefore(OffsetDateTime before) {
        return jdbc.sql("DELETE FROM hl_outbox WHERE sent_at IS NOT NULL AND sent_at < :before")
                .param("before", before).update();
    }

    /** A claimed row. */
    record OutboxRow(long id, String topic, String key, String eventId, String type, String source, String subject,
                     String payload, OffsetDateTime createdAt, int attempts) {
    }

    /** The unsent part of the outbox; {@code oldest} is null when nothing waits. */
    public record Backlog(long unsent, OffsetDateTime oldest) {
    }
}
