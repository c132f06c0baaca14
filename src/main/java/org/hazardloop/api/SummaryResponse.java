package org.hazardloop.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.HazardSummary;

@Schema(name = "StatisticsSummary", description = "隐患统计汇总 / Headline figures of a grid subtree")
public record SummaryResponse(
        @Schema(description = "统计范围：网格代码（含其全部下级）；缺省为全部台账") String gridUnit,
        @Schema(description = "隐患总数") long total,
        @Schema(description = "各状态隐患数，六个状态全部列出（含 0）",
                example = "{\"REPORTED\":3,\"RECTIFYING\":5,\"EXTENSION_REQUESTED\":1,\"VERIFYING\":2,"
                        + "\"AWAITING_CLOSEOUT\":0,\"CLOSED\":9}")
        Map<HazardStatus, Long> byStatus,
        @Schema(description = "已销号数") long closed,
        @Schema(description = "未销号数 = 总数 − 已销号数") long open,
        @Schema(description = "逾期数：整改中或延期待审核且已过整改时限") long overdue,
        @Schema(description = "重大事故隐患数（含已销号）") long major,
        @Schema(description = "整改完成率（%）= 已销号数 ÷ 隐患总数 × 100，四舍五入保留一位小数；总数为 0 时为 null",
                example = "45.0", nullable = true)
        @JsonInclude(JsonInclude.Include.ALWAYS)
        BigDecimal completionRate,
        @Schema(description = "统计时刻（逾期按此时刻判断）") Instant asOf) {

    static SummaryResponse of(HazardSummary summary) {
        return new SummaryResponse(summary.gridUnit(), summary.total(), summary.byStatus(), summary.closed(),
                summary.open(), summary.overdue(), summary.major(), summary.completionRate(), summary.asOf());
    }
}
