package org.hazardloop.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.ReportedHazard;

@Schema(name = "ReportedHazard", description = "上报结果 / The hazard a report registered")
public record ReportedHazardResponse(
        @Schema(description = "隐患编号", example = "YH-2025-000123") String number,
        @Schema(description = "当前状态；重复上报时为该隐患的当前状态") HazardStatus status,
        @Schema(description = "当前状态名称", example = "待交办") String statusName,
        @Schema(description = "闭环流程实例 ID") String processInstanceId) {

    static ReportedHazardResponse of(ReportedHazard reported) {
        return new ReportedHazardResponse(reported.number(), reported.status(), Labels.of(reported.status()),
                reported.processInstanceId());
    }
}
