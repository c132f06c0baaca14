package org.hazardloop.hazard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final ObjectMapper json;

    public HazardLedger(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(NewHazard hazard) {
        jdbc.sql("""
                INSERT INTO hl_hazard (number, report_id, title, description, sector, location, grid_unit, grid_path,
                                       safety_office, supervising_office, reporter, discovered_at, reported_at, status)
                VALUES (:number, :reportId, :title, :description, :sector, :location, :gridUnit, :gridPath,
                        :safetyOffice, :supervisingOffice, :reporter, :discoveredAt, :reportedAt, :status)""")
                .param("number", hazard.number())
                .param("reportId", hazard.reportId())
                .param("title", hazard.title())
                .param("description", hazard.description())
                .param("sector", hazard.sector().name())
                .param("location", hazard.location())
                .param("gridUnit", hazard.gridUnit())
                .param("gridPath", hazard.gridPath())
                .param("safetyOffice", hazard.safetyOffice())
                .param("supervisingOffice", hazard.supervisingOffice())
                .param("reporter", hazard.reporter())
                .param("discoveredAt", hazard.discoveredAt())
                .param("reportedAt", hazard.reportedAt())
                .param("status", HazardStatus.REPORTED.name())
                .update();
    }

    public void linkProcessInstance(String number, String processInstanceId) {
        TransactionRows.forget(number);
        jdbc.sql("UPDATE hl_hazard SET process_instance_id = :pid WHERE number = :number")
                .param("pid", processInstanceId).param("number", number).update();
    }

    /** The entry; within a transaction, as the transaction last read it ({@link TransactionRows}). */
    public Optional<Hazard> find(String number) {
        return Optional.ofNullable(TransactionRows.read(number, false, unread -> jdbc
                .sql("SELECT * FROM hl_hazard WHERE number = :number")
                .param("number", unread).query(HazardLedger::hazard).optional().orElse(null)));
    }

    public Optional<Hazard> findByReportId(String reportId) {
        return jdbc.sql("SELECT * FROM hl_hazard WHERE report_id = :reportId")
                .param("reportId", reportId).query(HazardLedger::hazard).optional();
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
        TransactionRows.forget(number);
        FiveImplementations five = assignment.fiveImplementations();
        jdbc.sql("""
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
                .param("number", number)
                .update();
    }

    public void changeStatus(String number, HazardStatus status) {
        TransactionRows.forget(number);
        jdbc.sql("UPDATE hl_hazard SET status = :status WHERE number = :number")
                .param("status", status.name()).param("number", number).update();
    }

    /** The rectification goes to verification, which is due by {@code verificationDeadline}. */
    public void recordRectificationSubmitted(String number, String actor, OffsetDateTime verificationDeadline) {
        TransactionRows.forget(number);
        jdbc.sql("""
                UPDATE hl_hazard SET status = :status, rectified_by = :actor, verification_deadline = :verificationDeadline
                 WHERE number = :number""")
                .param("status", HazardStatus.VERIFYING.name()).param("actor", actor)
                .param("verificationDeadline", verificationDeadline).param("number", number).update();
    }

    /** A refused close-out goes back to verification, which is due by {@code verificationDeadline}. */
    public void recordCloseoutRejected(String number, OffsetDateTime verificationDeadline) {
        TransactionRows.forget(number);
        jdbc.sql("UPDATE hl_hazard SET status = :status, verification_deadline = :verificationDeadline WHERE number = :number")
                .param("status", HazardStatus.VERIFYING.name()).param("verificationDeadline", verificationDeadline)
                .param("number", number).update();
    }

    public void recordExtensionRequested(String number, String actor, OffsetDateTime requestedDeadline) {
        TransactionRows.forget(number);
        jdbc.sql("""
                UPDATE hl_hazard SET status = :status, extension_requested_by = :actor, requested_deadline = :requested
                 WHERE number = :number""")
                .param("status", HazardStatus.EXTENSION_REQUESTED.name()).param("actor", actor)
                .param("requested", requestedDeadline).param("number", number).update();
    }

    /**
     * Ends an extension request. Approved, the requested deadline is in force: it is the hazard's next deadline
     * version, and its escalation starts again from the department. Rejected, the old deadline and the
     * escalation reached for it stand.
     */
    public void recordExtensionDecided(String number, boolean approved) {
        TransactionRows.forget(number);
        jdbc.sql(approved ? """
                UPDATE hl_hazard SET status = :status, deadline = requested_deadline, requested_deadline = NULL,
                       deadline_version = deadline_version + 1, escalation_level = NULL, escalation_target = NULL
                 WHERE number = :number""" : """
                UPDATE hl_hazard SET status = :status, requested_deadline = NULL
                 WHERE number = :number""")
                .param("status", HazardStatus.RECTIFYING.name())
                .param("number", number).update();
    }

    /** The missed deadline in force has been escalated to {@code level}: {@code targetDepartment} must act now. */
    public void recordEscalation(String number, int level, String targetDepartment) {
        TransactionRows.forget(number);
        jdbc.sql("UPDATE hl_hazard SET escalation_level = :level, escalation_target = :target WHERE number = :number")
                .param("level", level).param("target", targetDepartment).param("number", number).update();
    }

    public void recordRework(String number) {
        TransactionRows.forget(number);
        jdbc.sql("UPDATE hl_hazard SET status = :status, rework_count = rework_count + 1 WHERE number = :number")
                .param("status", HazardStatus.RECTIFYING.name()).param("number", number).update();
    }

    public void recordClosed(String number, String actor, OffsetDateTime at) {
        TransactionRows.forget(number);
        jdbc.sql("UPDATE hl_hazard SET status = :status, closed_by = :actor, closed_at = :at WHERE number = :number")
                .param("status", HazardStatus.CLOSED.name()).param("actor", actor).param("at", at)
                .param("number", number).update();
    }

    public void appendTimeline(String number, OffsetDateTime at, String actor, TimelineAction action,
                               HazardStatus statusAfter, Map<String, ?> details) {
        jdbc.sql("""
                INSERT INTO hl_hazard_timeline (hazard_number, occurred_at, actor, action, status_after, details)
                VALUES (:number, :at, :actor, :action, :statusAfter, :details)""")
                .param("number", number)
                .param("at", at)
                .param("actor", actor)
                .param("action", action.name())
                .param("statusAfter", statusAfter.name())
                .param("details", toJson(details))
                .update();
    }

    public List<TimelineEntry> timeline(String number) {
        return jdbc.sql("SELECT * FROM hl_hazard_timeline WHERE hazard_number = :number ORDER BY id")
                .param("number", number)
                .query((rs, row) -> new TimelineEntry(
                        rs.getLong("id"),
                        rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("actor"),
                        TimelineAction.valueOf(rs.getString("action")),
                        HazardStatus.valueOf(rs.getString("status_after")),
                        fromJson(rs.getString("details"))))
                .list();
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
