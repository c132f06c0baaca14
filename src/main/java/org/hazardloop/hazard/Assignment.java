package org.hazardloop.hazard;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/** The supervisor's decision on {@code Task_AssignHazard}: classification plus the five implementations. */
public record Assignment(Grade grade, RiskLevel riskLevel, FiveImplementations fiveImplementations) {

    public static final String GRADE = "grade";
    public static final String RISK_LEVEL = "riskLevel";
    public static final String MEASURES = "measures";
    public static final String RESPONSIBLE_DEPARTMENT = "responsibleDepartment";
    public static final String RESPONSIBLE_PERSON = "responsiblePerson";
    public static final String FUNDS = "funds";
    public static final String DEADLINE = "deadline";
    public static final String CONTINGENCY_PLAN = "contingencyPlan";

    /** Parses and checks the submitted values; refuses with every missing or invalid field named. */
    public static Assignment parse(Map<String, ?> submitted, Instant now, ZoneId zone) {
        SubmittedValues values = new SubmittedValues(submitted, zone);
        Grade grade = values.requiredChoice(GRADE, "隐患等级", Grade.class);
        RiskLevel riskLevel = values.requiredChoice(RISK_LEVEL, "风险等级", RiskLevel.class);
        String measures = values.requiredText(MEASURES, "整改措施", 4000);
        String department = values.requiredText(RESPONSIBLE_DEPARTMENT, "责任单位", 64);
        String person = values.requiredText(RESPONSIBLE_PERSON, "责任人", 64);
        var funds = values.requiredNonNegativeAmount(FUNDS, "整改资金");
        var deadline = values.requiredFutureDateTime(DEADLINE, "整改时限", now);
        String plan = values.requiredText(CONTINGENCY_PLAN, "应急预案", 4000);
        values.ensureValid("五落实不完整或无效，不能交办");
        return new Assignment(grade, riskLevel,
                new FiveImplementations(measures, department, person, funds, deadline, plan));
    }
}
