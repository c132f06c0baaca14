package org.hazardloop.security;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.hazardloop.organization.Department;
import org.hazardloop.organization.DepartmentAdded;
import org.hazardloop.organization.DepartmentKind;
import org.hazardloop.organization.OrganizationDirectory;
import org.hazardloop.process.ProcessVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The engine authorizations each department's group has by its kind, written from the organisation data: at
 * every start for every department (the demo seeder and {@code DepartmentGroupSync} run before), and whenever
 * {@code OrganizationWriter} adds one. Nobody grants these by hand in Camunda Admin.
 * <table>
 *   <tr><th>kind</th><th>Tasklist</th><th>Cockpit</th><th>hazard process</th><th>start hazards</th></tr>
 *   <tr><td>安委办 SAFETY_OFFICE</td><td>yes</td><td>yes</td><td>READ</td><td>yes</td></tr>
 *   <tr><td>行业主管部门 INDUSTRY</td><td>yes</td><td>no</td><td>READ</td><td>no</td></tr>
 *   <tr><td>网格员队伍 GRID_INSPECTORS</td><td>yes</td><td>no</td><td>READ</td><td>yes</td></tr>
 * </table>
 * Starting a hazard means the engine's CREATE on process instances and CREATE_INSTANCE on the hazard process;
 * which grid units a reporter may report for is the application's rule ({@code HazardAccess}). Nobody but
 * administrators gets UPDATE on process instances or task variables: a hazard's data changes only through its steps.
 * <p>
 * Administrators ({@code camunda-admin}) get ALL on every resource.
 * <p>
 * A department seen for the first time (no Tasklist grant yet) that is a safety office also gets read access to
 * the open hazards of its subtree ({@link HazardReadGrants#officeAdded}).
 */
@Component
@Order(25)
public class OrganizationAuthorizations implements ApplicationRunner {

    public static final String TASKLIST = "tasklist";
    public static final String COCKPIT = "cockpit";

    private static final Logger log = LoggerFactory.getLogger(OrganizationAuthorizations.class);

    private final OrganizationDirectory organization;
    private final AuthorizationService authorizationService;
    private final EngineGrants grants;
    private final HazardReadGrants readGrants;
    private final EngineSystemCalls system;

    public OrganizationAuthorizations(OrganizationDirectory organization, AuthorizationService authorizationService,
                                      EngineGrants grants, HazardReadGrants readGrants, EngineSystemCalls system) {
        this.organization = organization;
        this.authorizationService = authorizationService;
        this.grants = grants;
        this.readGrants = readGrants;
        this.system = system;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        system.run(() -> {
            grantAdministrators();
            // One query for the departments that already have their grants, so a start stays quick with thousands.
            Set<String> synced = authorizationService.createAuthorizationQuery()
                    .authorizationType(Authorization.AUTH_TYPE_GRANT)
                    .resourceType(Resources.APPLICATION).resourceId(TASKLIST)
                    .list().stream().map(Authorization::getGroupId).collect(Collectors.toSet());
            List<Department> added = organization.departments().stream()
                    .filter(department -> !synced.contains(department.code())).toList();
            added.forEach(this::grant);
            if (!added.isEmpty()) {
                log.info("Authorizations granted to {} department(s)", added.size());
            }
        });
    }

    /**
     * The engine lets members of {@code camunda-admin} past every check, but its queries (task lists, Cockpit) show
     * only what is granted: administrators get ALL on every resource, as Camunda's own first-administrator setup
     * gives them.
     */
    private void grantAdministrators() {
        for (Resources resource : Resources.values()) {
            grants.toGroup(Groups.CAMUNDA_ADMIN, resource, Authorization.ANY, Permissions.ALL);
        }
    }

    @EventListener
    public void on(DepartmentAdded added) {
        system.run(() -> grant(added.department()));
    }

    private void grant(Department department) {
        String group = department.code();
        boolean reports = department.kind() == DepartmentKind.SAFETY_OFFICE
                || department.kind() == DepartmentKind.GRID_INSPECTORS;
        if (department.kind() == DepartmentKind.SAFETY_OFFICE) {
            grants.toGroup(group, Resources.APPLICATION, COCKPIT, Permissions.ACCESS);
        }
        if (reports) {
            grants.toGroup(group, Resources.PROCESS_DEFINITION, ProcessVariables.PROCESS_KEY,
                    ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
            grants.toGroup(group, Resources.PROCESS_INSTANCE, Authorization.ANY, ProcessInstancePermissions.CREATE);
        } else {
            grants.toGroup(group, Resources.PROCESS_DEFINITION, ProcessVariables.PROCESS_KEY,
                    ProcessDefinitionPermissions.READ);
        }
        if (department.kind() == DepartmentKind.SAFETY_OFFICE) {
            readGrants.officeAdded(department);
        }
        // Written last: its presence tells the next start that this department has all of the above.
        grants.toGroup(group, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
    }
}
