package org.hazardloop.organization;

/**
 * A department was added to the grid (or found without its group). Published synchronously inside the
 * transaction that adds it, so whatever follows the organisation (engine authorizations) commits with it.
 */
public record DepartmentAdded(Department department) {
}
