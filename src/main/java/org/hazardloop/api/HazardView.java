package org.hazardloop.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.hazardloop.hazard.Grade;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.RiskLevel;
import org.hazardloop.hazard.Sector;
import org.hazardloop.hazard.TimelineAction;
import org.hazardloop.hazard.TimelineEntry;

/** A ledger entry (隐患台账) with its five implementations and its timeline. Fields of later steps are absent until then. */
@Schema(name = "Hazard", description = "隐患台账条目 / A ledger entry")
public record HazardView(
        @Schema(description = "隐患编号", example = "YH-2025-000123") String number,
        @Schema(description = "上报方的上报编号") String reportId,
        @Schema(description = "隐患标题") String title,
        @Schema(description = "隐患描述") String description,
        @Schema(description = "行业领域代码") Sector sector,
        @Schema(description = "行业领域名称", example = "消防") String sectorName,
        @Schema(description = "隐患位置") String location,
        @Schema(description = "所属网格代码") String gridUnit,
        @Schema(description = "负责交办、验收的安委办（部门代码）") String safetyOffice,
        @Schema(description = "上报人") String reporter,
        @Schema(description = "发现时间") OffsetDateTime discoveredAt,
        @Schema(description = "上报时间") OffsetDateTime reportedAt,
        @Schema(description = "闭环流程实例 ID") String processInstanceId,
        @Schema(description = "当前状态") HazardStatus status,
        @Schema(description = "当前状态名称", example = "整改中") String statusName,
        @Schema(description = "隐患等级（交办后）") Grade grade,
        @Schema(description = "隐患等级名称", example = "一般隐患") String gradeName,
        @Schema(description = "风险等级（交办后）") RiskLevel riskLevel,
        @Schema(description = "五落实（交办后）") FiveImplementationsView fiveImplementations,
        @Schema(description = "是否逾期：整改中或延期待审核且已过整改时限") boolean overdue,
        @Schema(description = "逾期起始时间，即错过的整改时限；未逾期时不返回") OffsetDateTime overdueSince,
        @Schema(description = "第几个整改时限：交办为 1，每批准一次延期加 1") int deadlineVersion,
        @Schema(description = "现行整改时限的逾期督办级别：0 = 已通知责任单位，1 = 所在网格安委办，2 = 上一级安委办，依次向上；"
                + "尚未发出逾期通知时不返回。整改提交后保留已达到的级别，批准延期后重新计算") Integer escalationLevel,
        @Schema(description = "该级别被督办、须处置的部门代码", example = "D01-SAFETY") String escalationTarget,
        @Schema(description = "验收时限（提交整改结果或销号被驳回后）") OffsetDateTime verificationDeadline,
        @Schema(description = "交办人") String assignedBy,
        @Schema(description = "最近一次提交整改结果的人") String rectifiedBy,
        @Schema(description = "延期申请人") String extensionRequestedBy,
        @Schema(description = "申请延期至（延期待审核时）") OffsetDateTime requestedDeadline,
        @Schema(description = "验收不通过、退回整改的次数") int reworkCount,
        @Schema(description = "销号人") String closedBy,
        @Schema(description = "销号时间") OffsetDateTime closedAt,
        @Schema(description = "处理记录，按时间先后") List<TimelineEntryView> timeline) {

    @Schema(name = "FiveImplementations", description = "五落实：措施、责任、资金、时限、预案")
    public record FiveImplementationsView(
            @Schema(description = "整改措施") String measures,
            @Schema(description = "责任单位（行业主管部门代码）") String responsibleDepartment,
            @Schema(description = "责任人（用户 ID）") String responsiblePerson,
            @Schema(description = "整改资金（元）") BigDecimal funds,
            @Schema(description = "整改时限（批准延期后为新时限）") OffsetDateTime deadline,
            @Schema(description = "应急预案") String contingencyPlan) {
    }

    @Schema(name = "TimelineEntry", description = "一条处理记录")
    public record TimelineEntryView(
            @Schema(description = "发生时间") OffsetDateTime occurredAt,
            @Schema(description = "办理人") String actor,
            @Schema(description = "动作代码") TimelineAction action,
            @Schema(description = "动作名称", example = "交办（五落实）") String actionName,
            @Schema(description = "办理后的状态") HazardStatus statusAfter,
            @Schema(description = "办理时填写的内容") Map<String, Object> details) {

        static TimelineEntryView of(TimelineEntry entry) {
            return new TimelineEntryView(entry.occurredAt(), entry.actor(), entry.action(), Labels.of(entry.action()),
                    entry.statusAfter(), entry.details());
        }
    }

    static HazardView of(Hazard hazard, List<TimelineEntry> timeline, Instant now) {
        FiveImplementationsView five = hazard.assignedBy() == null ? null : new FiveImplementationsView(
                hazard.measures(), hazard.responsibleDepartment(), hazard.responsiblePerson(), hazard.funds(),
                hazard.deadline(), hazard.contingencyPlan());
        return new HazardView(hazard.number(), hazard.reportId(), hazard.title(), hazard.description(),
                hazard.sector(), hazard.sector().label(), hazard.location(), hazard.gridUnit(), hazard.safetyOffice(),
                hazard.reporter(), hazard.discoveredAt(), hazard.reportedAt(), hazard.processInstanceId(),
                hazard.status(), Labels.of(hazard.status()), hazard.grade(),
                hazard.grade() == null ? null : hazard.grade().label(), hazard.riskLevel(), five,
                hazard.overdueAt(now), hazard.overdueSince(now), hazard.deadlineVersion(), hazard.escalationLevel(),
                hazard.escalationTarget(), hazard.verificationDeadline(), hazard.assignedBy(), hazard.rectifiedBy(), hazard.extensionRequestedBy(),
                hazard.requestedDeadline(), hazard.reworkCount(), hazard.closedBy(), hazard.closedAt(),
                timeline.stream().map(TimelineEntryView::of).toList());
    }
}
