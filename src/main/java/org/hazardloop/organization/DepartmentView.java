package org.hazardloop.organization;

/**
 * A department as clients see it. {@code code} is also the Camunda group id that candidate groups and
 * Tasklist's 本部门待办 filter use.
 */
public record DepartmentView(String code, String name, String unitCode, DepartmentKind kind, String kindLabel) {

    static DepartmentView of(Department department) {
        return new DepartmentView(department.code(), department.name(), department.unitCode(), department.kind(),
                department.kind().label());
    }
}
