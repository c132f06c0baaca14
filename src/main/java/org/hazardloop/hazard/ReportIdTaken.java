package org.hazardloop.hazard;

/**
 * A report id that another reporter already used. Answering with that reporter's hazard would show it to someone
 * who may not read it, so the report is refused instead (409 in the application API).
 */
public class ReportIdTaken extends HazardRuleViolation {

    public ReportIdTaken(String reportId) {
        super("上报编号已被使用", new FieldViolation("reportId", "上报编号 " + reportId + " 已由其他上报人使用，请换用新的编号"));
    }
}
