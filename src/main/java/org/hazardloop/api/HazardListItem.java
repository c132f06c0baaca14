package org.hazardloop.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.hazardloop.hazard.Grade;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.Sector;

/** One line of the ledger list: what a supervisor scans for; the detail is one GET away. */
@Schema(name = "HazardListItem", description = "台账列表中的一行")
public record HazardListItem(
        @Schema(description = "隐患编号") String number,
        @Schema(description = "隐患标题") String title,
        @Schema(description = "行业领域代码") Sector sector,
        @Schema(description = "行业领域名称") String sectorName,
        @Schema(description = "所属网格代码") String gridUnit,
        @Schema(description = "隐患位置") String location,
        @Schema(description = "当前状态") HazardStatus status,
        @Schema(description = "当前状态名称") String statusName,
        @Schema(description = "隐患等级（交办后）") Grade grade,
        @Schema(description = "责任单位（交办后）") String responsibleDepartment,
        @Schema(description = "责任人（交办后）") String responsiblePerson,
        @Schema(description = "整改时限（交办后）") OffsetDateTime deadline,
        @Schema(description = "是否逾期") boolean overdue,
        @Schema(description = "逾期起始时间（错过的整改时限）") OffsetDateTime overdueSince,
        @Schema(description = "逾期督办级别：0 = 已通知责任单位，1 = 所在网格安委办，2 = 上一级安委办……") Integer escalationLevel,
        @Schema(description = "该级别被督办、须处置的部门代码") String escalationTarget,
        @Schema(description = "退回整改次数") int reworkCount,
        @Schema(description = "上报时间") OffsetDateTime reportedAt,
        @Schema(description = "销号时间") OffsetDateTime closedAt) {

    static HazardListItem of(Hazard hazard, Instant now) {
        return new HazardListItem(hazard.number(), hazard.title(), hazard.sector(), hazard.sector().label(),
                hazard.gridUnit(), hazard.location(), hazard.status(), Labels.of(hazard.status()), hazard.grade(),
                hazard.responsibleDepartment(), hazard.responsiblePerson(), hazard.deadline(), hazard.overdueAt(now),
                hazard.overdueSince(now), hazard.escalationLevel(), hazard.escalationTarget(),
                hazard.reworkCount(), hazard.reportedAt(), hazard.closedAt());
    }
}
