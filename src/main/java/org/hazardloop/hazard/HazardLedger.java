package org.hazardloop.hazard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The hazard ledger tables. Every write joins the caller's transaction, which for a process step
 * is the engine's own: the ledger and the engine commit or roll back together.
 */
@Repository
public class HazardLedger {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    /** JdbcClient has no batch updates; the template it is built on has. */
    private final NamedParameterJdbcTemplate batch;
    private final ObjectMapper json;
    private final UnaryOperator<String> updateReturningRow;

    public HazardLedger(JdbcClient jdbc, NamedParameterJdbcTemplate batch, ObjectMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
        this.updateReturningRow = updateReturningRow(batch.getJdbcTemplate().getDataSource());
    }

    /**
     * How an update hands back the row it changed: PostgreSQL's {@code UPDATE … RETURNING *}, or, on H2 (the
     * embedded default), which has no {@code RETURNING}, the SQL-standard data change delta table
     * {@code SELECT * FROM FINAL TABLE (UPDATE …)}, which PostgreSQL in turn lacks.
     */
    private static UnaryOperator<String> updateReturningRow(DataSource dataSource) {
        return HazardConfiguration.onH2(dataSource)
                ? update -> "SELECT * FROM FINAL TABLE (" + update + ")"
                : update -> update + " RETURNING *";
    }

    public void insert(NewHazard hazard) {
        insertAll(List.of(hazard));
    }

    /**
     * The entries of a batch of reports, in one JDBC batch: one round trip to the database instead of one per row
     * (a poll of reports from Kafka, docs/performance.md).
     */
    public void insertAll(List<NewHazard> hazards) {
        batch.batchUpdate("""
                INSERT INTO hl_hazard (number, report_id, title, description, sector, location, grid_unit, grid_path,
                                       safety_office, supervising_office, reporter, discovered_at, reported_at, status)
                VALUES (:number, :reportId, :title, :description, :sector, :location, :gridUnit, :gridPath,
                        :safetyOffice, :supervisingOffice, :reporter, :discoveredAt, :reportedAt, :status)""",
                hazards.stream().map(hazard -> new MapSqlParameterSource()
                        .addValue("number", hazard.number())
                        .addValue("reportId", hazard.reportId())
                        .addValue("title", hazard.title())
                        .addValue("description", hazard.description())
                        .addValue("sector", hazard.sector().name())
                        .addValue("location", hazard.location())
                        .addValue("gridUnit", hazard.gridUnit())
                        .addValue("gridPath", hazard.gridPath())
                        .addValue("safetyOffice", hazard.safetyOffice())
                        .addValue("supervisingOffice", hazard.supervisingOffice())
                        .addValue("reporter", hazard.reporter())
                        .addValue("discoveredAt", hazard.discoveredAt())
                        .addValue("reportedAt", hazard.reportedAt())
                        .addValue("status", HazardStatus.REPORTED.name()))
                        .toArray(SqlParameterSource[]::new));
    }

    public void linkProcessInstance(String number, String processInstanceId) {
        linkProcessInstances(Map.of(number, processInstanceId));
    }

    /** Each hazard (key) to its process instance (value), in one JDBC batch. */
    public void linkProcessInstances(Map<String, String> processInstanceByNumber) {
        processInstanceByNumber.keySet().forEach(TransactionRows::forget);
        batch.batchUpdate("UPDATE hl_hazard SET process_instance_id = :pid WHERE number = :number",
                processInstanceByNumber.entrySet().stream()
                        .map(link -> new MapSqlParameterSource("number", link.getKey()).addValue("pid", link.getValue()))
                        .toArray(SqlParameterSource[]::new));
    }

    /** The entry; within a transaction, as the transaction last read it ({@link TransactionRows}). */
    public Optional<Hazard> find(String number) {
        return Optional.ofNullable(TransactionRows.read(number, false, unread -> jdbc
                .sql("SELECT * FROM hl_hazard WHERE number = :number")
                .param("number", unread).query(HazardLedger::hazard).optional().orElse(null)));
    }

    /**
     * The entries of these numbers, read in one query; within a transaction they stand for the later reads of its
     * {@link #find} as if each had been read so.
     */
    public Map<String, Hazard> findAll(Collection<String> numbers) {
        if (numbers.isEmpty()) {
            return Map.of();
        }
        Map<String, Hazard> found = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM hl_hazard WHERE number IN (:numbers)").param("numbers", List.copyOf(numbers))
                .query(HazardLedger::hazard).list().forEach(hazard -> found.put(hazard.number(), hazard));
        found.values().forEach(TransactionRows::remember);
        return found;
    }

    public Optional<Hazard> findByReportId(String reportId) {
        return Optional.ofNullable(findByReportIds(List.of(reportId)).get(reportId));
    }

    /** The entries reported with these report ids, by report id. */
    public Map<String, Hazard> findByReportIds(Collection<String> reportIds) {
        if (reportIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Hazard> found = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM hl_hazard WHERE report_id IN (:reportIds)").param("reportIds", List.copyOf(reportIds))
                .query(HazardLedger::hazard).list().forEach(hazard -> found.put(hazard.reportId(), hazard));
        return found;
    }

    /** Reads the entry and locks it until the transaction ends, so concurrent steps serialise. */
    public Hazard lock(String number) {
        Hazard hazard = TransactionRows.read(number, true, unread -> jdbc
                .sql("SELECT * FROM hl_hazard WHERE number = :number FOR UPDATE")
                .param("number", unread).query(HazardLedger::hazard).optional().orElse(null));
        if (hazard == null) {
            throw new HazardNotFound(number);
        }
        return hazard;
    }

    public void recordAssignment(String number, Assignment assignment, String actor) {
        FiveImplementations five = assignment.fiveImplementations();
        remember(returning("""
                UPDATE hl_hazard SET status = :status, grade = :grade, risk_level = :riskLevel, measures = :measures,
                       responsible_department = :department, responsible_person = :person, funds = :funds,
                       deadline = :deadline, contingency_plan = :plan, assigned_by = :actor,
                       deadline_version = 1, escalation_level = NULL, escalation_target = NULL
                 WHERE number = :number""")
                .param("status", HazardStatus.RECTIFYING.name())
                .param("grade", assignment.grade().name())
                .param("riskLevel", assignment.riskLevel().name())
                .param("measures", five.measures())
                .param("department", five.responsibleDepartment())
                .param("person", five.responsiblePerson())
                .param("funds", five.funds())
                .param("deadline", five.deadline())
                .param("plan", five.contingencyPlan())
                .param("actor", actor)
                .param("number", number));
    }

    public void changeStatus(String number, HazardStatus status) {
        remember(returning("UPDATE hl_hazard SET status = :status WHERE number = :number")
                .param("status", status.name()).param("number", number));
    }

    /** The rectification goes to verification, which is due by {@code verificationDeadline}. */
    public void recordRectificationSubmitted(String number, String actor, OffsetDateTime verificationDeadline) {
        remember(returning("""
                UPDATE hl_hazard SET status = :status, rectified_by = :actor, verification_deadline = :verificationDeadline
                 WHERE number = :number""")
                .param("status", HazardStatus.VERIFYING.name()).param("actor", actor)
                .param("verificationDeadline", verificationDeadline).param("number", number));
    }

    /** A refused close-out goes back to verification, which is due by {@code verificationDeadline}. */
    public void recordCloseoutRejected(String number, OffsetDateTime verificationDeadline) {
        remember(returning("""
                UPDATE hl_hazard SET status = :status, verification_deadline = :verificationDeadline
                 WHERE number = :number""")
                .param("status", HazardStatus.VERIFYING.name()).param("verificationDeadline", verificationDeadline)
                .param("number", number));
    }

    public void recordExtensionRequested(String number, String actor, OffsetDateTime requestedDeadline) {
        remember(returning("""
                UPDATE hl_hazard SET status = :status, extension_requested_by = :actor, requested_deadline = :requested
                 WHERE number = :number""")
                .param("status", HazardStatus.EXTENSION_REQUESTED.name()).param("actor", actor)
                .param("requested", requestedDeadline).param("number", number));
    }

    /**
     * Ends an extension request. Approved, the requested deadline is in force: it is the hazard's next deadline
     * version, and its escalation starts again from the department. Rejected, the old deadline and the
     * escalation reached for it stand.
     */
    public void recordExtensionDecided(String number, boolean approved) {
        remember(returning(approved ? """
                UPDATE hl_hazard SET status = :status, deadline = requested_deadline, requested_deadline = NULL,
                       deadline_version = deadline_version + 1, escalation_level = NULL, escalation_target = NULL
                 WHERE number = :number""" : """
                UPDATE hl_hazard SET status = :status, requested_deadline = NULL
                 WHERE number = :number""")
                .param("status", HazardStatus.RECTIFYING.name())
                .param("number", number));
    }

    /** The missed deadline in force has been escalated to {@code level}: {@code targetDepartment} must act now. */
    public void recordEscalation(String number, int level, String targetDepartment) {
        remember(returning("""
                UPDATE hl_hazard SET escalation_level = :level, escalation_target = :target
                 WHERE number = :number""")
                .param("level", level).param("target", targetDepartment).param("number", number));
    }

    public void recordRework(String number) {
        remember(returning("""
                UPDATE hl_hazard SET status = :status, rework_count = rework_count + 1
                 WHERE number = :number""")
                .param("status", HazardStatus.RECTIFYING.name()).param("number", number));
    }

    public void recordClosed(String number, String actor, OffsetDateTime at) {
        remember(returning("""
                UPDATE hl_hazard SET status = :status, closed_by = :actor, closed_at = :at
                 WHERE number = :number""")
                .param("status", HazardStatus.CLOSED.name()).param("actor", actor).param("at", at)
                .param("number", number));
    }

    /** An update of one entry that hands back the row it changed ({@link #remember}). */
    private JdbcClient.StatementSpec returning(String update) {
        return jdbc.sql(updateReturningRow.apply(update));
    }

    /**
     * The row as this transaction's update left it, which holds its lock until the transaction ends: it stands for
     * the rest of the transaction ({@link TransactionRows}), so the step's event writers, read grants and context
     * projection do not read it again.
     */
    private static void remember(JdbcClient.StatementSpec update) {
        update.query(HazardLedger::hazard).optional().ifPresent(TransactionRows::rememberLocked);
    }

    public void appendTimeline(String number, OffsetDateTime at, String actor, TimelineAction action,
                               HazardStatus statusAfter, Map<String, ?> details) {
        appendTimeline(List.of(new NewTimelineEntry(number, at, actor, action, statusAfter, details)));
    }

    /** Timeline entries, in one JDBC batch, in the order given. */
    public void appendTimeline(List<NewTimelineEntry> entries) {
        batch.batchUpdate("""
                INSERT INTO hl_hazard_timeline (hazard_number, occurred_at, actor, action, status_after, details)
                VALUES (:number, :at, :actor, :action, :statusAfter, :details)""",
                entries.stream().map(entry -> new MapSqlParameterSource()
                        .addValue("number", entry.hazardNumber())
                        .addValue("at", entry.occurredAt())
                        .addValue("actor", entry.actor())
                        .addValue("action", entry.action().name())
                        .addValue("statusAfter", entry.statusAfter().name())
                        .addValue("details", toJson(entry.details())))
                        .toArray(SqlParameterSource[]::new));
    }

    public List<TimelineEntry> timeline(String number) {
        return jdbc.sql("SELECT * FROM hl_hazard_timeline WHERE hazard_number = :number ORDER BY id")
                .param("number", number).query(this::timelineEntry).list();
    }

    /** The hazard's latest timeline entry, without reading the ones before it. */
    public Optional<TimelineEntry> lastTimelineEntry(String number) {
        return jdbc.sql("SELECT * FROM hl_hazard_timeline WHERE hazard_number = :number ORDER BY id DESC"
                        + " FETCH FIRST 1 ROWS ONLY")
                .param("number", number).query(this::timelineEntry).optional();
    }

    private TimelineEntry timelineEntry(ResultSet rs, int row) throws SQLException {
        return new TimelineEntry(
                rs.getLong("id"),
                rs.getObject("occurred_at", OffsetDateTime.class),
                rs.getString("actor"),
                TimelineAction.valueOf(rs.getString("action")),
                HazardStatus.valueOf(rs.getString("status_after")),
                fromJson(rs.getString("details")));
    }

    /** How many entries the hazard's timeline has. */
    public int timelineLength(String number) {
        return jdbc.sql("SELECT COUNT(*) FROM hl_hazard_timeline WHERE hazard_number = :number")
                .param("number", number).query(Integer.class).single();
    }

    /** The values of the hazard's {@code position}-th timeline entry (1 = the report); empty when it has none. */
    public Map<String, Object> timelineDetails(String number, int position) {
        return jdbc.sql("SELECT details FROM hl_hazard_timeline WHERE hazard_number = :number ORDER BY id"
                        + " OFFSET :skip ROWS FETCH NEXT 1 ROWS ONLY")
                .param("number", number).param("skip", position - 1)
                .query((rs, row) -> fromJson(rs.getString("details"))).optional().orElse(Map.of());
    }

    private String toJson(Map<String, ?> details) {
        try {
            return details == null || details.isEmpty() ? null : json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("timeline details are not serialisable", e);
        }
    }

    private Map<String, Object> fromJson(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, DETAILS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("timeline details are not valid JSON", e);
        }
    }

    static Hazard hazard(ResultSet rs, int row) throws SQLException {
        return new Hazard(
                rs.getString("number"),
                rs.getString("report_id"),
                rs.getString("title"),
                rs.getString("description"),
                Sector.valueOf(rs.getString("sector")),
                rs.getString("location"),
                rs.getString("grid_unit"),
                rs.getString("safety_office"),
                rs.getString("supervising_office"),
                rs.getString("reporter"),
                rs.getObject("discovered_at", OffsetDateTime.class),
                rs.getObject("reported_at", OffsetDateTime.class),
                rs.getString("process_instance_id"),
                HazardStatus.valueOf(rs.getString("status")),
                enumOrNull(Grade.class, rs.getString("grade")),
                enumOrNull(RiskLevel.class, rs.getString("risk_level")),
                rs.getString("measures"),
                rs.getString("responsible_department"),
                rs.getString("responsible_person"),
                rs.getBigDecimal("funds"),
                rs.getObject("deadline", OffsetDateTime.class),
                rs.getString("contingency_plan"),
                rs.getString("assigned_by"),
                rs.getString("rectified_by"),
                rs.getString("extension_requested_by"),
                rs.getObject("requested_deadline", OffsetDateTime.class),
                rs.getInt("rework_count"),
                rs.getString("closed_by"),
                rs.getObject("closed_at", OffsetDateTime.class),
                rs.getInt("deadline_version"),
                rs.getObject("escalation_level", Integer.class),
                rs.getString("escalation_target"),
                rs.getObject("verification_deadline", OffsetDateTime.class));
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }
}
