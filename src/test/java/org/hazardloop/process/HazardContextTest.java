package org.hazardloop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hazardloop.hazard.FieldViolation;
import org.hazardloop.hazard.Grade;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardRuleViolation;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.RiskLevel;
import org.hazardloop.hazard.Sector;
import org.junit.jupiter.api.Test;

/** The projection of a ledger entry onto process variables, and what counts as a change to it. */
class HazardContextTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final OffsetDateTime DEADLINE = OffsetDateTime.of(2030, 6, 30, 18, 0, 0, 0, ZoneOffset.ofHours(8));
    static final List<String> ASSIGN_INPUTS = List.of("grade", "riskLevel", "measures", "responsibleDepartment",
            "responsiblePerson", "funds", "deadline", "contingencyPlan");

    @Test
    void aReportedHazardProjectsItsReportAndOfficesOnly() {
        Map<String, Object> variables = HazardContext.of(reported()).variables();

        assertThat(variables).containsExactly(
                entry("hazardNumber", "YH-2030-000001"),
                entry("hazardTitle", "商业街消防通道堵塞"),
                entry("hazardDescription", "消防通道被货物堵塞"),
                entry("sector", "FIRE"),
                entry("location", "商业街 12 号"),
                entry("gridUnit", "V01"),
                entry("safetyOffice", "T01-SAFETY"),
                entry("supervisingOffice", "D01-SAFETY"));
    }

    @Test
    void anAssignedHazardAddsTheGradeAndTheFiveImplementationsTyped() {
        Map<String, Object> variables = HazardContext.of(assigned(Grade.MAJOR)).variables();

        assertThat(variables).contains(
                entry("grade", "MAJOR"),
                entry("riskLevel", "ORANGE"),
                entry("measures", "清理通道"),
                entry("responsibleDepartment", "T01-FIRE"),
                entry("responsiblePerson", "fire-officer"),
                entry("contingencyPlan", "专人值守"));
        assertThat(variables.get("funds")).isInstanceOf(Double.class).isEqualTo(5000.5);
        assertThat(variables.get("deadline")).isInstanceOf(Date.class).isEqualTo(Date.from(DEADLINE.toInstant()));
        assertThat(variables).hasSize(HazardContext.names().size());
    }

    @Test
    void theTaskNameIsTheStepFollowedByNumberAndTitle() {
        assertThat(HazardContext.of(reported()).taskName("隐患交办")).isEqualTo("隐患交办：YH-2030-000001 商业街消防通道堵塞");
    }

    @Test
    void anyContextValueOtherThanTheLedgersIsAChange() {
        HazardContext context = HazardContext.of(assigned(Grade.MAJOR));
        Map<String, Object> current = new HashMap<>(context.variables());
        current.put("hazardNumber", "YH-2030-000002");
        current.put("grade", "GENERAL");
        current.put("safetyOffice", "T02-SAFETY");
        current.put("deadline", Date.from(DEADLINE.plusDays(30).toInstant()));
        current.put("funds", 1.0);

        assertThat(context.changedIn(current, List.of(), ZONE))
                .containsExactly("hazardNumber", "safetyOffice", "grade", "funds", "deadline");
    }

    @Test
    void aValueWhereTheLedgerHasNoneAndAnExplicitNullAreChanges() {
        Map<String, Object> current = new HashMap<>(HazardContext.of(reported()).variables());
        current.put("grade", "GENERAL");
        current.put("hazardTitle", null);

        assertThat(HazardContext.of(reported()).changedIn(current, List.of(), ZONE))
                .containsExactly("hazardTitle", "grade");
    }

    @Test
    void theTasksOwnInputsAreNotChanges() {
        Map<String, Object> current = new HashMap<>(HazardContext.of(reported()).variables());
        current.put("grade", "GENERAL");
        current.put("deadline", "2030-06-30T18:00+08:00");
        current.put("funds", "100");

        assertThat(HazardContext.of(reported()).changedIn(current, ASSIGN_INPUTS, ZONE)).isEmpty();
    }

    @Test
    void theSameValueInAnotherFormIsNoChange() {
        HazardContext context = HazardContext.of(assigned(Grade.MAJOR));
        Map<String, Object> current = new HashMap<>(context.variables());
        current.put("deadline", "2030-06-30T10:00:00Z");
        current.put("funds", "5000.50");
        assertThat(context.changedIn(current, List.of(), ZONE)).isEmpty();

        current.put("deadline", "2030-06-30T18:00");
        current.put("funds", new BigDecimal("5000.5"));
        assertThat(context.changedIn(current, List.of(), ZONE)).as("a local date-time is read in the offices' zone").isEmpty();

        current.put("deadline", DEADLINE);
        current.put("funds", 5000.5f);
        assertThat(context.changedIn(current, List.of(), ZONE)).isEmpty();
    }

    @Test
    void textThatIsNotTheSameDateOrAmountIsAChange() {
        HazardContext context = HazardContext.of(assigned(Grade.MAJOR));
        Map<String, Object> current = new HashMap<>(context.variables());
        current.put("deadline", "明天");
        current.put("funds", "五千元");

        assertThat(context.changedIn(current, List.of(), ZONE)).containsExactly("funds", "deadline");
    }

    @Test
    void anAbsentVariableIsNoChange() {
        assertThat(HazardContext.of(assigned(Grade.MAJOR)).changedIn(Map.of("hazardNumber", "YH-2030-000001"),
                List.of(), ZONE)).isEmpty();
    }

    @Test
    void theRefusalNamesEachFieldInChinese() {
        HazardRuleViolation refusal = HazardContext.refusal(List.of("grade", "deadline"));

        assertThat(refusal.violations()).extracting(FieldViolation::field).containsExactly("grade", "deadline");
        assertThat(refusal.getMessage()).isEqualTo(
                "不能在办理任务时修改隐患基本信息：隐患等级与隐患台账不一致（grade）；整改时限与隐患台账不一致（deadline）");
    }

    @Test
    void outOfDateVariablesAreThoseNotExactlyTheProjectionTypeIncluded() {
        HazardContext context = HazardContext.of(assigned(Grade.GENERAL));
        Map<String, Object> current = new HashMap<>(context.variables());
        current.put("deadline", "2030-06-30T18:00+08:00");
        current.put("funds", 5000.5f);
        current.remove("grade");
        current.put("verificationPassed", true);

        Map<String, Object> stale = context.outOfDateIn(current);

        assertThat(stale).containsOnlyKeys("deadline", "funds", "grade");
        assertThat(stale.get("deadline")).isEqualTo(Date.from(DEADLINE.toInstant()));
        assertThat(stale.get("funds")).isEqualTo(5000.5);
        assertThat(stale.get("grade")).isEqualTo("GENERAL");
        assertThat(context.outOfDateIn(context.variables())).isEmpty();
    }

    @Test
    void everyContextVariableIsNamedInProcessVariables() {
        assertThat(HazardContext.names()).containsExactlyInAnyOrderElementsOf(Set.of(
                ProcessVariables.HAZARD_NUMBER, ProcessVariables.HAZARD_TITLE, ProcessVariables.HAZARD_DESCRIPTION,
                ProcessVariables.SECTOR, ProcessVariables.LOCATION, ProcessVariables.GRID_UNIT,
                ProcessVariables.SAFETY_OFFICE, ProcessVariables.SUPERVISING_OFFICE, ProcessVariables.GRADE,
                ProcessVariables.RISK_LEVEL, ProcessVariables.MEASURES, ProcessVariables.RESPONSIBLE_DEPARTMENT,
                ProcessVariables.RESPONSIBLE_PERSON, ProcessVariables.FUNDS, ProcessVariables.DEADLINE,
                ProcessVariables.CONTINGENCY_PLAN));
    }

    static Hazard reported() {
        return hazard(HazardStatus.REPORTED, null, null, null, null, null, null, null, null);
    }

    static Hazard assigned(Grade grade) {
        return hazard(HazardStatus.RECTIFYING, grade, RiskLevel.ORANGE, "清理通道", "T01-FIRE", "fire-officer",
                new BigDecimal("5000.50"), DEADLINE, "专人值守");
    }

    private static Hazard hazard(HazardStatus status, Grade grade, RiskLevel risk, String measures, String department,
                                 String person, BigDecimal funds, OffsetDateTime deadline, String plan) {
        OffsetDateTime reportedAt = OffsetDateTime.of(2030, 6, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
        return new Hazard("YH-2030-000001", "R-1", "商业街消防通道堵塞", "消防通道被货物堵塞", Sector.FIRE, "商业街 12 号",
                "V01", "T01-SAFETY", "D01-SAFETY", "inspector", reportedAt, reportedAt, "pi-1", status, grade, risk,
                measures, department, person, funds, deadline, plan, grade == null ? null : "supervisor", null, null,
                null, 0, null, null, grade == null ? 0 : 1, null, null, null);
    }
}
