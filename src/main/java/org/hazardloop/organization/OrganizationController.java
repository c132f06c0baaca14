package org.hazardloop.organization;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read API of the supervision grid, so clients and Tasklist users can look up unit and department codes. */
@RestController
@RequestMapping("/api/organization")
@Tag(name = "组织机构", description = "五级监管网格：网格单位与部门（部门编码即 Tasklist 中的候选组）")
public class OrganizationController {

    private final OrganizationTree tree;
    private final OrganizationDirectory directory;

    public OrganizationController(OrganizationTree tree, OrganizationDirectory directory) {
        this.tree = tree;
        this.directory = directory;
    }

    @GetMapping("/units")
    @Operation(summary = "网格单位树", description = "每个单位带层级、部门和下级单位；指定 root 时只返回该单位及其下级")
    public List<UnitNode> units(
            @Parameter(description = "起始单位编码，如 T01；不填返回整个网格")
            @RequestParam(required = false) String root) {
        if (root == null) {
            return tree.wholeGrid();
        }
        return List.of(tree.below(requireNotBlank("root", root)));
    }

    @GetMapping("/departments")
    @Operation(summary = "部门列表", description = "某一网格单位的部门（不含下级单位的部门），可按部门类别筛选")
    public List<DepartmentView> departments(
            @Parameter(description = "网格单位编码，如 T01；不填返回全部部门")
            @RequestParam(required = false) String unit,
            @Parameter(description = "部门类别：SAFETY_OFFICE（安委办）、INDUSTRY（行业主管部门）、GRID_INSPECTORS（网格员队伍）")
            @RequestParam(required = false) String kind) {
        DepartmentKind wantedKind = kind == null ? null : parseKind(kind);
        List<Department> departments;
        if (unit == null) {
            departments = directory.departments();
        } else {
            String unitCode = requireNotBlank("unit", unit);
            directory.unit(unitCode).orElseThrow(() -> new UnitNotFound(unitCode));
            departments = directory.departmentsOf(unitCode);
        }
        return departments.stream()
                .filter(department -> wantedKind == null || department.kind() == wantedKind)
                .map(DepartmentView::of)
                .toList();
    }

    /**
     * Answers this controller's own errors as problem details here rather than in a global advice, so the
     * response does not depend on which other exception handlers the application has.
     */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> problem(ErrorResponseException exception, HttpServletRequest request) {
        ProblemDetail body = exception.getBody();
        if (body.getInstance() == null) {
            body.setInstance(URI.create(request.getRequestURI()));
        }
        return ResponseEntity.status(exception.getStatusCode())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    private static String requireNotBlank(String parameter, String value) {
        if (value.isBlank()) {
            throw new InvalidOrganizationQuery(parameter, "参数 " + parameter + " 不能为空");
        }
        return value.strip();
    }

    private static DepartmentKind parseKind(String kind) {
        try {
            return DepartmentKind.valueOf(kind.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(DepartmentKind.values())
                    .map(k -> k.name() + "（" + k.label() + "）")
                    .collect(Collectors.joining("、"));
            throw new InvalidOrganizationQuery("kind", "部门类别无效：" + kind + "；可选值：" + allowed);
        }
    }
}
