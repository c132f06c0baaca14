package org.hazardloop.process;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hazardloop.hazard.FieldViolation;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardRuleViolation;
import org.hazardloop.hazard.SubmittedValues;

/**
 * The hazard's context as the process sees it: task names, candidate groups, due dates, the grade gateway,
 * Tasklist's columns and the forms' read-only text read these variables. They are a projection of the
 * ledger entry, the record of truth, and never the other way round: a value that differs from the ledger
 * can only have come from a client (a task completion may carry any variables), so it is refused.
 */
public final class HazardContext {

    public static final String CHANGE_REFUSED = "不能在办理任务时修改隐患基本信息";

    /** Every context variable with the name a refusal shows, in the order a refusal lists them. */
    private static final Map<String, String> LABELS = labels();

    /** Typed as the engine stores them: Strings, a Date for the deadline, a Double for the funds; null until known. */
    private final Map<String, Object> projection;

    private HazardContext(Map<String, Object> projection) {
        this.projection = projection;
    }

    public static HazardContext of(Hazard hazard) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(ProcessVariables.HAZARD_NUMBER, hazard.number());
        values.put(ProcessVariables.HAZARD_TITLE, hazard.title());
        values.put(ProcessVariables.HAZARD_DESCRIPTION, hazard.description());
        values.put(ProcessVariables.SECTOR, hazard.sector().name());
        values.put(ProcessVariables.LOCATION, hazard.location());
        values.put(ProcessVariables.GRID_UNIT, hazard.gridUnit());
        values.put(ProcessVariables.SAFETY_OFFICE, hazard.safetyOffice());
        values.put(ProcessVariables.SUPERVISING_OFFICE, hazard.supervisingOffice());
        values.put(ProcessVariables.GRADE, hazard.grade() == null ? null : hazard.grade().name());
        values.put(ProcessVariables.RISK_LEVEL, hazard.riskLevel() == null ? null : hazard.riskLevel().name());
        values.put(ProcessVariables.MEASURES, hazard.measures());
        values.put(ProcessVariables.RESPONSIBLE_DEPARTMENT, hazard.responsibleDepartment());
        values.put(ProcessVariables.RESPONSIBLE_PERSON, hazard.responsiblePerson());
        values.put(ProcessVariables.FUNDS, hazard.funds() == null ? null : hazard.funds().doubleValue());
        values.put(ProcessVariables.DEADLINE, hazard.deadline() == null ? null : Date.from(hazard.deadline().toInstant()));
        values.put(ProcessVariables.CONTINGENCY_PLAN, hazard.contingencyPlan());
        return new HazardContext(values);
    }

    /** The names of all context variables. */
    public static Collection<String> names() {
        return LABELS.keySet();
    }

    /** The variables to set, typed; fields of steps not yet done are left out rather than set to null. */
    public Map<String, Object> variables() {
        Map<String, Object> known = new LinkedHashMap<>();
        projection.forEach((name, value) -> {
            if (value != null) {
                known.put(name, value);
            }
        });
        return Collections.unmodifiableMap(known);
    }

    /** What a task of this hazard is called at run time: {@code 隐患交办：YH-2025-000123 消防通道堵塞}. */
    public String taskName(String step) {
        return step + "：" + projection.get(ProcessVariables.HAZARD_NUMBER) + " " + projection.get(ProcessVariables.HAZARD_TITLE);
    }

    /**
     * The context variables of {@code current} that do not hold the ledger's value, except the task's own
     * inputs (the assignment's form sets grade, deadline and the rest of the five implementations).
     * The same value in another form is no change: a form or client may send the deadline as text or the
     * funds as an integer. A variable that is absent is no change either: no completion can remove one,
     * and the projection written after the step puts it back.
     */
    public List<String> changedIn(Map<String, ?> current, Collection<String> ownInputs, ZoneId zone) {
        List<String> changed = new ArrayList<>();
        for (String name : LABELS.keySet()) {
            if (!ownInputs.contains(name) && current.containsKey(name)
                    && !sameValue(name, projection.get(name), current.get(name), zone)) {
                changed.add(name);
            }
        }
        return changed;
    }

    /** The refusal naming each changed field. */
    public static HazardRuleViolation refusal(Collection<String> changedFields) {
        return new HazardRuleViolation(CHANGE_REFUSED, changedFields.stream()
                .map(name -> new FieldViolation(name, LABELS.get(name) + "与隐患台账不一致"))
                .toList());
    }

    /**
     * The variables to write so that {@code current} equals the projection exactly, type included: after a
     * step accepted a value in another form (text for a date), the engine holds the typed value again.
     */
    public Map<String, Object> outOfDateIn(Map<String, ?> current) {
        Map<String, Object> stale = new LinkedHashMap<>();
        variables().forEach((name, value) -> {
            if (!current.containsKey(name) || !Objects.equals(value, current.get(name))) {
                stale.put(name, value);
            }
        });
        return stale;
    }

    private static boolean sameValue(String name, Object projected, Object current, ZoneId zone) {
        if (projected == null || current == null) {
            return projected == current;
        }
        if (projected instanceof Date deadline) {
            // The same reader as the step rules, so every form a date-time may arrive in is understood alike.
            OffsetDateTime submitted = new SubmittedValues(Map.of(name, current), zone).requiredDateTime(name, name);
            return submitted != null && submitted.toInstant().equals(deadline.toInstant());
        }
        if (projected instanceof Double amount) {
            return sameAmount(BigDecimal.valueOf(amount), current);
        }
        return projected.equals(current);
    }

    private static boolean sameAmount(BigDecimal projected, Object current) {
        try {
            BigDecimal submitted = current instanceof BigDecimal decimal ? decimal : new BigDecimal(current.toString().strip());
            return submitted.compareTo(projected) == 0;
        } catch (NumberFormatException notAnAmount) {
            return false;
        }
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ProcessVariables.HAZARD_NUMBER, "隐患编号");
        labels.put(ProcessVariables.HAZARD_TITLE, "隐患标题");
        labels.put(ProcessVariables.HAZARD_DESCRIPTION, "隐患描述");
        labels.put(ProcessVariables.SECTOR, "行业领域");
        labels.put(ProcessVariables.LOCATION, "隐患位置");
        labels.put(ProcessVariables.GRID_UNIT, "所属网格");
        labels.put(ProcessVariables.SAFETY_OFFICE, "负责交办和验收的安委办");
        labels.put(ProcessVariables.SUPERVISING_OFFICE, "挂牌督办的上级安委办");
        labels.put(ProcessVariables.GRADE, "隐患等级");
        labels.put(ProcessVariables.RISK_LEVEL, "风险等级");
        labels.put(ProcessVariables.MEASURES, "整改措施");
        labels.put(ProcessVariables.RESPONSIBLE_DEPARTMENT, "责任单位");
        labels.put(ProcessVariables.RESPONSIBLE_PERSON, "责任人");
        labels.put(ProcessVariables.FUNDS, "整改资金");
        labels.put(ProcessVariables.DEADLINE, "整改时限");
        labels.put(ProcessVariables.CONTINGENCY_PLAN, "应急预案");
        return Collections.unmodifiableMap(labels);
    }
}
