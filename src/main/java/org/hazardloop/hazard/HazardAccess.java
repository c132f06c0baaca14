package org.hazardloop.hazard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.authorization.Groups;
import org.hazardloop.organization.Department;
import org.hazardloop.organization.DepartmentKind;
import org.hazardloop.organization.OrgUnit;
import org.hazardloop.organization.OrganizationDirectory;
import org.springframework.stereotype.Service;

/**
 * Who may read and report which hazards, from the user's place in the supervision grid. The same rules the
 * engine's authorizations express for tasks and process instances, applied to the ledger:
 * <ul>
 *   <li>a safety office reads every hazard of its unit's subtree (a town its villages, a district its towns, the
 *       city everything) and may report hazards there;</li>
 *   <li>an industry department reads the hazards it is responsible for;</li>
 *   <li>a department a deadline escalated to (逐级督办) reads that hazard;</li>
 *   <li>grid inspectors report hazards in their unit's subtree and read what they reported;</li>
 *   <li>administrators ({@code camunda-admin}) read everything, but report nothing: they have no place in the grid.</li>
 * </ul>
 */
@Service
public class HazardAccess {

    private final OrganizationDirectory organization;

    public HazardAccess(OrganizationDirectory organization) {
        this.organization = organization;
    }

    /** What {@code userId}, a member of {@code groupIds}, may read. */
    public HazardReadScope readScope(String userId, Collection<String> groupIds) {
        if (groupIds.contains(Groups.CAMUNDA_ADMIN)) {
            return HazardReadScope.all();
        }
        List<String> subtrees = new ArrayList<>();
        List<String> responsible = new ArrayList<>();
        List<Department> departments = organization.departments(groupIds);
        for (Department department : departments) {
            if (department.kind() == DepartmentKind.SAFETY_OFFICE) {
                organization.unit(department.unitCode()).ifPresent(unit -> subtrees.add(unit.path()));
            } else if (department.kind() == DepartmentKind.INDUSTRY) {
                responsible.add(department.code());
            }
        }
        return new HazardReadScope(false, subtrees, responsible, departments.stream().map(Department::code).toList(),
                userId);
    }

    /** What {@code userId} may read, their groups looked up in the engine's identity. */
    public HazardReadScope readScope(String userId) {
        return readScope(userId, organization.groupsOf(userId));
    }

    /**
     * Refuses a report by someone who is neither a grid inspector nor a safety office member of the unit or a unit
     * above it.
     */
    public void requireMayReport(String reporter, OrgUnit unit) {
        requireMayReport(reporter, reportingDepartments(reporter), unit);
    }

    /** The departments {@code reporter} belongs to, for {@link #requireMayReport(String, List, OrgUnit)}. */
    public List<Department> reportingDepartments(String reporter) {
        return organization.departments(organization.groupsOf(reporter));
    }

    /** As {@link #requireMayReport(String, OrgUnit)}, the reporter's departments already looked up. */
    public void requireMayReport(String reporter, List<Department> reporterDepartments, OrgUnit unit) {
        boolean allowed = reporterDepartments.stream()
                .filter(department -> department.kind() == DepartmentKind.GRID_INSPECTORS
                        || department.kind() == DepartmentKind.SAFETY_OFFICE)
                .anyMatch(department -> unit.selfAndAncestors().contains(department.unitCode()));
        if (!allowed) {
            throw new HazardAccessDenied("无权上报该网格的隐患", new FieldViolation("gridUnit",
                    "用户 " + reporter + " 不是网格 " + unit.name() + "（" + unit.code() + "）或其上级网格的网格员或安委办人员"));
        }
    }
}
