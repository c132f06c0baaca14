package org.hazardloop.api;

import java.util.EnumMap;
import java.util.Map;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.TimelineAction;

/** The Chinese names clients show next to the codes of statuses and timeline actions. */
final class Labels {

    private static final Map<HazardStatus, String> STATUSES = new EnumMap<>(Map.of(
            HazardStatus.REPORTED, "待交办",
            HazardStatus.RECTIFYING, "整改中",
            HazardStatus.EXTENSION_REQUESTED, "延期待审核",
            HazardStatus.VERIFYING, "待验收",
            HazardStatus.AWAITING_CLOSEOUT, "待销号审批",
            HazardStatus.CLOSED, "已销号"));

    private static final Map<TimelineAction, String> ACTIONS = new EnumMap<>(TimelineAction.class);

    static {
        ACTIONS.put(TimelineAction.REPORTED, "上报隐患");
        ACTIONS.put(TimelineAction.CLAIMED, "认领任务");
        ACTIONS.put(TimelineAction.UNCLAIMED, "退回任务");
        ACTIONS.put(TimelineAction.ASSIGNED, "交办（五落实）");
        ACTIONS.put(TimelineAction.EXTENSION_REQUESTED, "申请延期");
        ACTIONS.put(TimelineAction.EXTENSION_APPROVED, "批准延期");
        ACTIONS.put(TimelineAction.EXTENSION_REJECTED, "驳回延期");
        ACTIONS.put(TimelineAction.RECTIFICATION_SUBMITTED, "提交整改结果");
        ACTIONS.put(TimelineAction.VERIFICATION_FAILED, "验收不通过");
        ACTIONS.put(TimelineAction.VERIFIED, "验收通过");
        ACTIONS.put(TimelineAction.CLOSEOUT_APPROVED, "同意销号");
        ACTIONS.put(TimelineAction.CLOSEOUT_REJECTED, "驳回销号");
        ACTIONS.put(TimelineAction.CLOSED, "销号");
        ACTIONS.put(TimelineAction.DEADLINE_APPROACHING, "整改临期提醒");
        ACTIONS.put(TimelineAction.OVERDUE, "整改逾期");
        ACTIONS.put(TimelineAction.ESCALATED, "逾期升级督办");
    }

    private Labels() {
    }

    static String of(HazardStatus status) {
        return status == null ? null : STATUSES.get(status);
    }

    static String of(TimelineAction action) {
        return action == null ? null : ACTIONS.get(action);
    }
}
