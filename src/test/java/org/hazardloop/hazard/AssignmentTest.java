package org.hazardloop.hazard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssignmentTest {

    private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static Map<String, Object> complete() {
        Map<String, Object> values = new HashMap<>();
        values.put("grade", "MAJOR");
        values.put("riskLevel", "RED");
        values.put("measures", "更换老化电缆，加装漏电保护");
        values.put("responsibleDepartment", "T01-FIRE");
        values.put("responsiblePerson", "fire-officer");
        values.put("funds", 12000.5);
        values.put("deadline", "2026-12-10T18:00:00+08:00");
        values.put("contingencyPlan", "停用该区域，安排专人值守");
        return values;
    }

    @Test
    void acceptsTheFiveImplementations() {
        Assignment assignment = Assignment.parse(complete(), NOW, SHANGHAI);

        assertThat(assignment.grade()).isEqualTo(Grade.MAJOR);
        assertThat(assignment.riskLevel()).isEqualTo(RiskLevel.RED);
        FiveImplementations five = assignment.fiveImplementations();
        assertThat(five.funds()).isEqualByComparingTo(new BigDecimal("12000.50"));
        assertThat(five.deadline()).isEqualTo(OffsetDateTime.parse("2026-12-10T18:00:00+08:00"));
        assertThat(five.responsibleDepartment()).isEqualTo("T01-FIRE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"measures", "responsibleDepartment", "responsiblePerson", "funds", "deadline", "contingencyPlan"})
    void refusesAMissingImplementationNamingTheField(String field) {
        Map<String, Object> values = complete();
        values.remove(field);

        assertThatThrownBy(() -> Assignment.parse(values, NOW, SHANGHAI))
                .isInstanceOf(HazardRuleViolation.class)
                .hasMessageContaining(field)
                .satisfies(e -> assertThat(((HazardRuleViolation) e).violations())
                        .extracting(FieldViolation::field).containsExactly(field));
    }

    @Test
    void blankTextCountsAsMissing() {
        Map<String, Object> values = complete();
        values.put("measures", "   ");

        assertThatThrownBy(() -> Assignment.parse(values, NOW, SHANGHAI))
                .hasMessageContaining("整改措施未填写");
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        Map<String, Object> values = complete();
        values.put("funds", "-1");
        values.put("deadline", "2026-11-01T00:00:00+08:00");
        values.put("grade", "SEVERE");

        assertThatThrownBy(() -> Assignment.parse(values, NOW, SHANGHAI))
                .isInstanceOfSatisfying(HazardRuleViolation.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactlyInAnyOrder("funds", "deadline", "grade"));
    }

    @Test
    void refusesADeadlineThatIsNotInTheFuture() {
        Map<String, Object> values = complete();
        values.put("deadline", NOW.toString());

        assertThatThrownBy(() -> Assignment.parse(values, NOW, SHANGHAI))
                .hasMessageContaining("整改时限必须晚于当前时间");
    }

    @Test
    void refusesFundsThatAreNotAnAmount() {
        Map<String, Object> values = complete();
        values.put("funds", "一万");

        assertThatThrownBy(() -> Assignment.parse(values, NOW, SHANGHAI))
                .hasMessageContaining("整改资金须为金额数字");
    }

    @Test
    void readsADeadlineWithoutOffsetInTheOfficesZone() {
        Map<String, Object> values = complete();
        values.put("deadline", "2026-12-10T18:00");

        Assignment assignment = Assignment.parse(values, NOW, SHANGHAI);

        assertThat(assignment.fiveImplementations().deadline().toInstant())
                .isEqualTo(Instant.parse("2026-12-10T10:00:00Z"));
    }

    @Test
    void acceptsZeroFundsForAFixThatCostsNothing() {
        Map<String, Object> values = complete();
        values.put("funds", 0);

        assertThat(Assignment.parse(values, NOW, SHANGHAI).fiveImplementations().funds()).isZero();
    }
}
