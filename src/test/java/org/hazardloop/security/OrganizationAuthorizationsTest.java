package org.hazardloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.hazardloop.hazard.HazardReport;
import org.hazardloop.hazard.HazardReporting;
import org.hazardloop.organization.DepartmentKind;
import org.hazardloop.organization.DemoOrganizationSeeder;
import org.hazardloop.organization.OrgLevel;
import org.hazardloop.organization.OrganizationWriter;
import org.hazardloop.process.HazardProcessDriver;
import org.hazardloop.process.ProcessVariables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine authorizations follow the organisation without anyone granting them in Camunda Admin: a department
 * added through {@code OrganizationWriter}, or loaded by SQL and found at the next start, gets its kind's grants, and
 * a safety office new to a unit reads the hazards already open below it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(HazardProcessDriver.class)
class OrganizationAuthorizationsTest {

    @LocalServerPort
    int port;

    @Autowired
    OrganizationWriter organization;
    @Autowired
    OrganizationAuthorizations authorizations;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    IdentityService identityService;
    @Autowired
    HazardReporting reporting;
    @Autowired
    HazardProcessDriver driver;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.hazardloop.hazard.escalation.DeadlineEscalation escalation;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    final String town = "OA" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    @AfterEach
    void users() {
        driver.removeUsers();
    }

    @Test
    void eachKindOfDepartmentGetsItsGrantsWhenItIsAdded() {
        organization.addUnit(town, "授权同步测试镇", OrgLevel.TOWN, "D01");
        organization.addDepartment(town + "-SAFETY", "授权同步测试镇安委办", town, DepartmentKind.SAFETY_OFFICE);
        organization.addDepartment(town + "-FIRE", "授权同步测试镇消防站", town, DepartmentKind.INDUSTRY);
        organization.addDepartment(town + "-GRID", "授权同步测试镇网格员", town, DepartmentKind.GRID_INSPECTORS);

        assertGranted(town + "-SAFETY", Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        assertGranted(town + "-SAFETY", Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        assertGranted(town + "-SAFETY", Resources.PROCESS_DEFINITION, ProcessVariables.PROCESS_KEY,
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
        assertGranted(town + "-SAFETY", Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.CREATE);

        assertGranted(town + "-FIRE", Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        assertNotGranted(town + "-FIRE", Resources.APPLICATION, "cockpit");
        assertGranted(town + "-FIRE", Resources.PROCESS_DEFINITION, ProcessVariables.PROCESS_KEY,
                ProcessDefinitionPermissions.READ);
        assertThat(grant(town + "-FIRE", Resources.PROCESS_DEFINITION, ProcessVariables.PROCESS_KEY)
                .isPermissionGranted(ProcessDefinitionPermissions.CREATE_INSTANCE)).as("industry departments do not report")
                .isFalse();
        assertNotGranted(town + "-FIRE", Resources.PROCESS_INSTANCE, "*");

        assertGranted(town + "-GRID", Resources.PROCESS_DEFINITION, ProcessVariables.PROCESS_KEY,
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
        assertNotGranted(town + "-GRID", Resources.APPLICATION, "cockpit");

        // nobody outside the administrators may change process instances or their variables
        for (String department : List.of(town + "-SAFETY", town + "-FIRE", town + "-GRID")) {
            Authorization instances = grant(department, Resources.PROCESS_INSTANCE, "*");
            if (instances != null) {
                assertThat(instances.isPermissionGranted(ProcessInstancePermissions.UPDATE)).isFalse();
                assertThat(instances.isPermissionGranted(ProcessInstancePermissions.UPDATE_VARIABLE)).isFalse();
            }
            Authorization process = grant(department, Resources.PROCESS_DEFINITION, ProcessVariables.PROCESS_KEY);
            assertThat(process.isPermissionGranted(ProcessDefinitionPermissions.UPDATE_INSTANCE)).isFalse();
            assertThat(process.isPermissionGranted(ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE)).isFalse();
        }
    }

    @Test
    void aSafetyOfficeAddedLaterReadsTheOpenHazardsBelowItsUnit() {
        organization.addUnit(town, "授权同步测试镇", OrgLevel.TOWN, "D01");
        organization.addUnit(town + "-V", "授权同步测试村", OrgLevel.VILLAGE, town);
        // the town has no safety office yet: the district's is in charge
        String number = reporting.report(new HazardReport("oa-" + UUID.randomUUID(), "授权同步：楼道堆物", "堆放杂物",
                "FIRE", "测试村 2 号", town + "-V", null), "district-officer").number();
        String task = driver.task(number).getId();
        String instance = driver.instance(number).getId();
        assertNotGranted(town + "-SAFETY", Resources.TASK, task);

        organization.addDepartment(town + "-SAFETY", "授权同步测试镇安委办", town, DepartmentKind.SAFETY_OFFICE);

        assertGranted(town + "-SAFETY", Resources.TASK, task, TaskPermissions.READ);
        assertGranted(town + "-SAFETY", Resources.PROCESS_INSTANCE, instance, ProcessInstancePermissions.READ);
        String member = driver.newUser("oa-head", town + "-SAFETY");
        Client.Response seen = Client.basic(port, member, HazardProcessDriver.TEST_PASSWORD).get("/engine-rest/task/" + task);
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        assertThat(Client.basic(port, member, HazardProcessDriver.TEST_PASSWORD).get("/api/hazards/" + number).status())
                .isEqualTo(200);
    }

    @Test
    void aDepartmentLoadedBySqlGetsItsGrantsAtTheNextStart() {
        organization.addUnit(town, "授权同步测试镇", OrgLevel.TOWN, "D01");
        String department = town + "-BUILDING";
        jdbc.sql("INSERT INTO hl_department (code, name, unit_code, kind) VALUES (:code, '授权同步测试镇建设办', :unit, 'INDUSTRY')")
                .param("code", department).param("unit", town).update();
        Group group = identityService.newGroup(department);
        group.setName("授权同步测试镇建设办");
        identityService.saveGroup(group);
        assertNotGranted(department, Resources.APPLICATION, "tasklist");

        authorizations.run(null); // what a start does

        assertGranted(department, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        assertGranted(department, Resources.PROCESS_DEFINITION, ProcessVariables.PROCESS_KEY,
                ProcessDefinitionPermissions.READ);
    }

    @Test
    void aDepartmentADeadlineEscalatesToReadsTheHazard() throws InterruptedException {
        // a 长安镇 hazard made 河西镇's fire department's job: 河西镇安委办 is not above it in the grid
        String number = driver.report("督办授权：跨镇责任单位");
        Map<String, Object> values = HazardProcessDriver.assignment("GENERAL",
                java.time.OffsetDateTime.now(HazardProcessDriver.BEIJING).plusSeconds(2));
        values.put("responsibleDepartment", "T02-FIRE");
        values.put("responsiblePerson", "fire-officer2");
        driver.complete("supervisor", number, values);
        Client supervisor2 = Client.basic(port, "supervisor2", "demo");
        assertThat(supervisor2.get("/api/hazards/" + number).status()).isEqualTo(404);
        Thread.sleep(3000);

        transaction.executeWithoutResult(status -> escalation.recordOverdue(number));
        var escalated = transaction.execute(status -> escalation.escalateOverdue(number)).orElseThrow();

        assertThat(escalated.target().department()).isEqualTo("T02-SAFETY");
        assertGranted("T02-SAFETY", Resources.TASK, driver.task(number).getId(), TaskPermissions.READ);
        assertGranted("T02-SAFETY", Resources.PROCESS_INSTANCE, driver.instance(number).getId(),
                ProcessInstancePermissions.READ);
        assertThat(supervisor2.get("/api/hazards/" + number).status()).isEqualTo(200);
        assertThat(supervisor2.get("/engine-rest/task/" + driver.task(number).getId()).status()).isEqualTo(200);
        assertThat(supervisor2.post("/engine-rest/task/" + driver.task(number).getId() + "/claim",
                Map.of("userId", "supervisor2")).status()).as("reading, not working").isEqualTo(403);
    }

    @Test
    void theResponsibleDepartmentReadsTheHazardsProcessFromItsAssignmentOnAndTheLaterTasksWriteNoSecondGrant() {
        String number = driver.report("授权：责任单位自交办起可查看流程");
        String instance = driver.instance(number).getId();
        Client fireOfficer = Client.basic(port, HazardProcessDriver.FIRE_OFFICER, DemoOrganizationSeeder.DEMO_PASSWORD);
        assertNotGranted(HazardProcessDriver.FIRE_DEPARTMENT, Resources.PROCESS_INSTANCE, instance);
        assertThat(fireOfficer.get("/engine-rest/process-instance/" + instance).status()).isEqualTo(404);
        Client.Response reporterSees = Client.basic(port, HazardProcessDriver.INSPECTOR, DemoOrganizationSeeder.DEMO_PASSWORD)
                .get("/engine-rest/process-instance/" + instance);
        assertThat(reporterSees.status()).as(reporterSees.toString()).isEqualTo(200);

        driver.complete("supervisor", number, HazardProcessDriver.assignment("GENERAL", HazardProcessDriver.daysAhead(7)));

        assertGranted(HazardProcessDriver.FIRE_DEPARTMENT, Resources.PROCESS_INSTANCE, instance,
                ProcessInstancePermissions.READ);
        Client.Response seen = fireOfficer.get("/engine-rest/process-instance/" + instance);
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        // rectification submitted: the verification task is created; the instance's grants stay one per reader
        driver.complete(HazardProcessDriver.FIRE_OFFICER, number, HazardProcessDriver.submission("已清理", 100));
        assertThat(authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .resourceType(Resources.PROCESS_INSTANCE).resourceId(instance).list())
                .extracting(a -> a.getGroupId() != null ? a.getGroupId() : "user:" + a.getUserId())
                .containsExactlyInAnyOrder("T01-SAFETY", "D01-SAFETY", "C01-SAFETY", HazardProcessDriver.FIRE_DEPARTMENT,
                        "user:" + HazardProcessDriver.INSPECTOR);
    }

    @Test
    void administratorsMayDoEverything() {
        for (Resources resource : Resources.values()) {
            assertGranted("camunda-admin", resource, "*", Permissions.ALL);
        }
    }

    private Authorization grant(String group, Resource resource, String resourceId) {
        return authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).singleResult();
    }

    private void assertGranted(String group, Resource resource, String resourceId,
                               org.camunda.bpm.engine.authorization.Permission... permissions) {
        Authorization authorization = grant(group, resource, resourceId);
        assertThat(authorization).as(group + " on " + resource.resourceName() + " " + resourceId).isNotNull();
        for (var permission : permissions) {
            assertThat(authorization.isPermissionGranted(permission))
                    .as(group + " " + permission.getName() + " on " + resource.resourceName() + " " + resourceId).isTrue();
        }
    }

    private void assertNotGranted(String group, Resource resource, String resourceId) {
        assertThat(grant(group, resource, resourceId)).as(group + " on " + resource.resourceName() + " " + resourceId)
                .isNull();
    }
}
