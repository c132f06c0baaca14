package org.hazardloop.organization;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Builds the grid as a tree, two queries whatever its size (units, then departments). */
@Service
public class OrganizationTree {

    private final OrganizationDirectory directory;

    public OrganizationTree(OrganizationDirectory directory) {
        this.directory = directory;
    }

    /** The whole grid: one node per top unit (normally the single city). */
    public List<UnitNode> wholeGrid() {
        List<OrgUnit> units = directory.units();
        List<Department> departments = directory.departments();
        return build(units, departments, units.stream().filter(unit -> unit.parentCode() == null).toList());
    }

    /** The grid from {@code rootCode} down; a single node. */
    public UnitNode below(String rootCode) {
        OrgUnit root = directory.unit(rootCode).orElseThrow(() -> new UnitNotFound(rootCode));
        return build(directory.unitsUnder(root), directory.departmentsUnder(root), List.of(root)).get(0);
    }

    private static List<UnitNode> build(List<OrgUnit> units, List<Department> departments, List<OrgUnit> roots) {
        // groupingBy keeps the encounter order: units come sorted by path, departments by code
        Map<String, List<OrgUnit>> childrenByParent = units.stream()
                .filter(unit -> unit.parentCode() != null)
                .collect(Collectors.groupingBy(OrgUnit::parentCode));
        Map<String, List<DepartmentView>> departmentsByUnit = departments.stream()
                .collect(Collectors.groupingBy(Department::unitCode,
                        Collectors.mapping(DepartmentView::of, Collectors.toList())));
        return roots.stream().map(root -> node(root, childrenByParent, departmentsByUnit)).toList();
    }

    private static UnitNode node(OrgUnit unit, Map<String, List<OrgUnit>> childrenByParent,
                                 Map<String, List<DepartmentView>> departmentsByUnit) {
        List<UnitNode> children = childrenByParent.getOrDefault(unit.code(), List.of()).stream()
                .map(child -> node(child, childrenByParent, departmentsByUnit))
                .toList();
        return new UnitNode(unit.code(), unit.name(), unit.level(), unit.level().label(), unit.parentCode(),
                departmentsByUnit.getOrDefault(unit.code(), List.of()), children);
    }
}
