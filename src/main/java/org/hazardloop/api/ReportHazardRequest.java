package org.hazardloop.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import org.hazardloop.hazard.HazardReport;

/** The body of {@code POST /api/hazards}. The rules are the domain's, the same for every way in. */
@Schema(name = "ReportHazardRequest", description = "隐患上报 / A hazard report")
public record ReportHazardRequest(
        @Schema(description = "隐患标题（必填，最多 200 字）", example = "仓库消防通道堆放杂物",
                requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200)
        String title,
        @Schema(description = "隐患描述（必填，最多 4000 字）", example = "3 号仓库东侧消防通道被纸箱堵塞，宽度不足 1 米",
                requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 4000)
        String description,
        @Schema(description = "行业领域代码 / sector code", example = "FIRE",
                requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"FIRE", "ELECTRICITY", "GAS", "HAZARDOUS_CHEMICALS", "HOT_WORK", "CONFINED_SPACE",
                        "SPECIAL_EQUIPMENT", "CONSTRUCTION", "ROAD_TRANSPORT", "WATER_TRANSPORT", "MINING",
                        "FIREWORKS", "CROWDED_PLACES", "TOURISM", "CITY_WATER_SUPPLY", "CITY_GAS_SUPPLY",
                        "CITY_POWER_SUPPLY", "CONTRACTORS", "OTHER"})
        String sector,
        @Schema(description = "隐患位置（必填，最多 500 字）", example = "长安镇新华社区工业路 18 号 3 号仓库",
                requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 500)
        String location,
        @Schema(description = "所属网格代码（必填，须为已登记的网格单元）/ grid unit code", example = "V01",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String gridUnit,
        @Schema(description = "发现时间，带时区偏移的 ISO-8601；缺省为上报时刻，不能晚于当前时间",
                example = "2025-06-01T09:30:00+08:00")
        OffsetDateTime discoveredAt,
        @Schema(description = "上报方自带的上报编号（最多 100 字）：同一编号重复上报只登记一次",
                example = "patrol-20250601-0007", maxLength = 100)
        String reportId,
        @Schema(description = "可不填：上报人即当前登录用户；填写时须与当前登录用户相同，不能代他人上报",
                example = "inspector", maxLength = 64)
        String reporter) {

    HazardReport toReport() {
        return new HazardReport(reportId, title, description, sector, location, gridUnit, discoveredAt);
    }
}
