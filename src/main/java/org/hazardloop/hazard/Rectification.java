package org.hazardloop.hazard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * The department's answer on {@code Task_RectifyHazard}: either a submitted rectification or an
 * extension request with the interim control measures the documents require (一时整改不了的，必须制定严密的监控应对措施).
 */
public record Rectification(
        RectificationOutcome outcome,
        String rectificationReport,
        BigDecimal actualCost,
        OffsetDateTime requestedDeadline,
        String interimMeasures) {

    public static final String OUTCOME = "rectificationOutcome";
    public static final String REPORT = "rectificationReport";
    public static final String ACTUAL_COST = "actualCost";
    public static final String REQUESTED_DEADLINE = "requestedDeadline";
    public static final String INTERIM_MEASURES = "interimMeasures";

    public static Rectification parse(Map<String, ?> submitted, OffsetDateTime currentDeadline, Instant now, ZoneId zone) {
        SubmittedValues values = new SubmittedValues(submitted, zone);
        RectificationOutcome outcome = values.requiredChoice(OUTCOME, "办理结果", RectificationOutcome.class);
        if (outcome == RectificationOutcome.SUBMIT) {
            String report = values.requiredText(REPORT, "整改情况说明", 4000);
            BigDecimal cost = values.requiredNonNegativeAmount(ACTUAL_COST, "实际整改费用");
            values.ensureValid("整改结果不完整，不能提交");
            return new Rectification(outcome, report, cost, null, null);
        }
        if (outcome == RectificationOutcome.REQUEST_EXTENSION) {
            OffsetDateTime requested = values.requiredFutureDateTime(REQUESTED_DEADLINE, "申请延期至", now);
            String interim = values.requiredText(INTERIM_MEASURES, "临时管控措施", 4000);
            if (requested != null && currentDeadline != null && !requested.isAfter(currentDeadline)) {
                values.reject(REQUESTED_DEADLINE, "申请延期至必须晚于现行整改时限");
            }
            values.ensureValid("延期申请不完整，不能提交");
            return new Rectification(outcome, null, null, requested, interim);
        }
        values.ensureValid("请选择办理结果");
        throw new IllegalStateException("unreachable");
    }
}
