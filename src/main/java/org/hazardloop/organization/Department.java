package org.hazardloop.organization;

/** A department attached to a grid unit; its code is also its Camunda group id. */
public record Department(String code, String name, String unitCode, DepartmentKind kind) {
}
