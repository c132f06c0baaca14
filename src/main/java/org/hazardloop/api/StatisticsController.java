package org.hazardloop.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.hazardloop.hazard.HazardAccess;
import org.hazardloop.hazard.HazardStatistics;
import org.hazardloop.security.EngineUser;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/statistics")
@Tag(name = "统计 Statistics", description = "考核用的汇总数字 / The figures the offices are judged by")
public class StatisticsController {

    private final HazardStatistics statistics;
    private final HazardAccess access;

    public StatisticsController(HazardStatistics statistics, HazardAccess access) {
        this.statistics = statistics;
        this.access = access;
    }

    @GetMapping("/summary")
    @Operation(operationId = "getStatisticsSummary", summary = "隐患统计汇总 / Summary figures",
            description = """
                    统计某网格及其全部下级网格（缺省为全部台账）的隐患：总数、各状态数（六个状态全部列出，含 0）、
                    已销号数、未销号数、逾期数、重大事故隐患数，以及**整改完成率**。只统计当前用户有权查看的隐患
                    （安委办：本级及下级网格；行业主管部门：本部门负责的隐患；网格员：本人上报的隐患）。

                    **整改完成率**（rectification completion rate）= 已销号（CLOSED）隐患数 ÷ 隐患总数 × 100%，
                    四舍五入保留一位小数；总数为 0 时为 null。例：12 条中 9 条已销号，整改完成率为 75.0。

                    **逾期**：状态为整改中（RECTIFYING）或延期待审核（EXTENSION_REQUESTED）且整改时限已过；按 asOf 时刻判断。""")
    @ApiResponse(responseCode = "200", description = "汇总数字")
    @ApiResponse(responseCode = "400", description = "网格不存在", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ApiProblem.class)))
    public SummaryResponse summary(
            @Parameter(description = "网格代码：统计该网格及其全部下级网格；缺省为全部", example = "T01")
            @RequestParam(required = false) String gridUnit,
            @AuthenticationPrincipal EngineUser user) {
        return SummaryResponse.of(statistics.summary(gridUnit, access.readScope(user.userId(), user.groupIds())));
    }
}
