package org.hazardloop.hazard;

import java.util.List;

/**
 * Which ledger entries a user may read: everything (administrators), or the union of the subtrees of their
 * safety offices (by materialised grid path), the hazards their industry departments are responsible for, the
 * hazards a deadline escalated to one of their departments, and the hazards they reported themselves. A user with
 * none of these reads nothing.
 */
public record HazardReadScope(boolean everything, List<String> subtreePaths, List<String> responsibleDepartments,
                              List<String> departments, String reporter) {

    public HazardReadScope {
        subtreePaths = List.copyOf(subtreePaths);
        responsibleDepartments = List.copyOf(responsibleDepartments);
        departments = List.copyOf(departments);
    }

    public static HazardReadScope all() {
        return new HazardReadScope(true, List.of(), List.of(), List.of(), null);
    }
}
