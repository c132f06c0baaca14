package org.hazardloop.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hazardloop.hazard.FieldViolation;
import org.hazardloop.hazard.Grade;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardCriteria;
import org.hazardloop.hazard.HazardAccess;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.HazardLoopProperties;
import org.hazardloop.hazard.HazardNotFound;
import org.hazardloop.hazard.HazardPageRequest;
import org.hazardloop.hazard.HazardReadScope;
import org.hazardloop.hazard.HazardReporting;
import org.hazardloop.hazard.HazardRuleViolation;
import org.hazardloop.hazard.HazardSearch;
import org.hazardloop.hazard.HazardSort;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.ReportedHazard;
import org.hazardloop.hazard.Sector;
import org.hazardloop.security.EngineUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
// No produces/consumes on the mappings: a wrong media type then fails inside this controller, so the
// problem handler of this package answers it (415/406 as problem details) instead of the generic error page.
@RequestMapping("/api/hazards")
@Tag(name = "隐患台账 Hazards", description = "隐患上报、台账查询 / Reporting hazards and reading the ledger")
public class HazardController {

    private final HazardReporting reporting;
    private final HazardLedger ledger;
    private final HazardSearch search;
    private final Clock clock;
    private final HazardLoopProperties properties;
    private final HazardAccess access;

    public HazardController(HazardReporting reporting, HazardLedger ledger, HazardSearch search, Clock clock,
                            HazardLoopProperties properties, HazardAccess access) {
        this.reporting = reporting;
        this.ledger = ledger;
        this.search = search;
        this.clock = clock;
        this.properties = properties;
        this.access = access;
    }

    @PostMapping
    @Operation(operationId = "reportHazard", summary = "上报隐患 / Report a hazard",
            description = "登记台账并启动闭环流程（同一事务）。上报人是当前登录用户：须为该网格或其上级网格的网格员或安委办人员，"
                    + "否则返回 403。带 reportId 重复上报时返回已登记的隐患（200），不会重复登记或重复启动流程；"
                    + "该 reportId 已由他人使用时返回 409。输入无效时返回 400 问题详情，errors 列出每个无效字段，且不登记任何内容；"
                    + "请求体不是合法 JSON 或某字段类型错误（如发现时间格式错误）时，只指出读取中遇到的第一个字段。")
    @ApiResponse(responseCode = "201", description = "已登记；Location 指向新隐患")
    @ApiResponse(responseCode = "200", description = "同一 reportId 已上报过，返回原隐患")
    @ApiResponse(responseCode = "400", description = "输入无效", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ApiProblem.class)))
    @ApiResponse(responseCode = "401", description = "未登录或用户名、密码错误", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ApiProblem.class)))
    @ApiResponse(responseCode = "403", description = "无权上报该网格的隐患", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ApiProblem.class)))
    @ApiResponse(responseCode = "409", description = "reportId 已由其他上报人使用", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ApiProblem.class)))
    public ResponseEntity<ReportedHazardResponse> report(@RequestBody ReportHazardRequest request,
                                                         @AuthenticationPrincipal EngineUser user,
                                                         UriComponentsBuilder uri) {
        String reporter = user.userId();
        if (request.reporter() != null && !request.reporter().strip().equals(reporter)) {
            throw new HazardRuleViolation("隐患上报信息不完整或无效", new FieldViolation("reporter",
                    "上报人是当前登录用户 " + reporter + "，不能以 " + request.reporter().strip() + " 的名义上报"));
        }
        ReportedHazard reported = reporting.report(request.toReport(), reporter);
        ReportedHazardResponse body = ReportedHazardResponse.of(reported);
        URI location = uri.path("/api/hazards/{number}").buildAndExpand(reported.number()).toUri();
        return reported.created()
                ? ResponseEntity.created(location).body(body)
                : ResponseEntity.ok().header(HttpHeaders.CONTENT_LOCATION, location.toString()).body(body);
    }

    @GetMapping("/{number}")
    @Operation(operationId = "getHazard", summary = "查看隐患台账条目 / Read one ledger entry",
            description = "含五落实、状态、逾期标志与逾期督办级别、退回整改次数、销号信息及全部处理记录（含系统发出的临期提醒、逾期通知和逐级督办）。"
                    + "只能查看本人有权查看的隐患（见 docs/security.md）；无权查看的隐患与不存在的一样返回 404。")
    @ApiResponse(responseCode = "200", description = "台账条目")
    @ApiResponse(responseCode = "404", description = "隐患不存在或无权查看", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ApiProblem.class)))
    public HazardView get(@Parameter(description = "隐患编号", example = "YH-2025-000123") @PathVariable String number,
                          @AuthenticationPrincipal EngineUser user) {
        Instant now = clock.instant();
        Hazard hazard = search.find(number, readScope(user), now).orElseThrow(() -> new HazardNotFound(number));
        return HazardView.of(hazard, ledger.timeline(number), now);
    }

    @GetMapping
    @Operation(operationId = "listHazards", summary = "台账查询 / List the ledger",
            description = "按条件筛选、分页、排序。所有条件同时满足；未给出的条件不限制。只列出本人有权查看的隐患。")
    @ApiResponse(responseCode = "200", description = "一页结果")
    @ApiResponse(responseCode = "400", description = "查询参数无效，errors 指明参数", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ApiProblem.class)))
    public HazardListResponse list(
            @Parameter(description = "状态，可重复或逗号分隔，任一即可") @RequestParam(name = "status", required = false)
            List<HazardStatus> status,
            @Parameter(description = "隐患等级") @RequestParam(required = false) Grade grade,
            @Parameter(description = "行业领域") @RequestParam(required = false) Sector sector,
            @Parameter(description = "网格代码：该网格及其全部下级网格", example = "T01")
            @RequestParam(required = false) String gridUnit,
            @Parameter(description = "责任单位（部门代码）", example = "T01-FIRE")
            @RequestParam(required = false) String responsibleDepartment,
            @Parameter(description = "true：仅逾期（整改中或延期待审核且已过整改时限）；false：仅未逾期")
            @RequestParam(required = false) Boolean overdue,
            @Parameter(description = "逾期督办级别不低于此值：0 = 已发逾期通知，1 = 已督办到所在网格安委办，2 = 上一级安委办……",
                    example = "2")
            @RequestParam(required = false) Integer minEscalationLevel,
            @Parameter(description = "被督办、须处置的部门代码（达到的督办级别对应的部门）", example = "T01-SAFETY")
            @RequestParam(required = false) String escalationTarget,
            @Parameter(description = "上报时间起（含）：日期或带时区偏移的日期时间", example = "2025-06-01")
            @RequestParam(required = false) String reportedFrom,
            @Parameter(description = "上报时间止（不含；为日期时含该日全天）", example = "2025-06-30")
            @RequestParam(required = false) String reportedTo,
            @Parameter(description = "页码，从 0 开始") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "每页条数，1–" + HazardPageRequest.MAX_SIZE)
            @RequestParam(defaultValue = "" + HazardPageRequest.DEFAULT_SIZE) int size,
            @Parameter(description = "排序：reportedAt | deadline | number，可加 ,asc 或 ,desc（缺省 asc）；"
                    + "缺省为 reportedAt,desc。同值按隐患编号同向排序；无整改时限的排在最后。",
                    example = "deadline,asc")
            @RequestParam(defaultValue = "reportedAt,desc") String sort,
            @AuthenticationPrincipal EngineUser user) {
        List<FieldViolation> violations = new ArrayList<>();
        OffsetDateTime from = ReportedPeriod.from(reportedFrom, properties.zone(), violations);
        OffsetDateTime to = ReportedPeriod.to(reportedTo, properties.zone(), violations);
        HazardPageRequest pageRequest = pageRequest(page, size, sort, violations);
        if (!violations.isEmpty()) {
            throw new HazardRuleViolation("查询条件无效", violations);
        }
        HazardCriteria criteria = new HazardCriteria(status == null ? Set.of() : Set.copyOf(status), grade, sector,
                gridUnit, blankToNull(responsibleDepartment), overdue, minEscalationLevel, blankToNull(escalationTarget),
                from, to);
        Instant now = clock.instant();
        return HazardListResponse.of(search.search(criteria, readScope(user), pageRequest, now).map(h -> HazardListItem.of(h, now)));
    }

    private HazardReadScope readScope(EngineUser user) {
        return access.readScope(user.userId(), user.groupIds());
    }

    private static HazardPageRequest pageRequest(int page, int size, String sort, List<FieldViolation> violations) {
        String[] parts = sort.split(",", -1);
        HazardSort order = HazardSort.byKey(parts[0].strip()).orElse(null);
        String direction = parts.length > 1 ? parts[1].strip().toLowerCase() : "asc";
        if (order == null || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            violations.add(new FieldViolation("sort",
                    "排序方式无效：" + sort + "（可选 reportedAt、deadline、number，可加 ,asc 或 ,desc）"));
            return null;
        }
        return new HazardPageRequest(page, size, order, direction.equals("desc"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
