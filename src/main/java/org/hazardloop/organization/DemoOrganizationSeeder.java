package org.hazardloop.organization;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The embedded default's demo grid and one user per role, password {@code demo}. Idempotent: a restart
 * finds everything in place. Off unless {@code hazardloop.demo.enabled=true}; the prod profile turns it off.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "hazardloop.demo.enabled", havingValue = "true")
public class DemoOrganizationSeeder implements ApplicationRunner {

    public static final String DEMO_PASSWORD = "demo";
    public static final String ADMIN_GROUP = "camunda-admin";

    private final OrganizationWriter writer;
    private final IdentityService identityService;

    public DemoOrganizationSeeder(OrganizationWriter writer, IdentityService identityService) {
        this.writer = writer;
        this.identityService = identityService;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        writer.addUnit("C01", "江城市", OrgLevel.CITY, null);
        writer.addUnit("D01", "江北区", OrgLevel.DISTRICT, "C01");
        writer.addUnit("T01", "长安镇", OrgLevel.TOWN, "D01");
        writer.addUnit("T02", "河西镇", OrgLevel.TOWN, "D01");
        writer.addUnit("V01", "长安镇新华社区", OrgLevel.VILLAGE, "T01");
        writer.addUnit("E01", "江城华强化工有限公司", OrgLevel.ENTERPRISE, "V01");
        writer.addUnit("V02", "河西镇滨河村", OrgLevel.VILLAGE, "T02");

        writer.addDepartment("C01-SAFETY", "江城市安委办", "C01", DepartmentKind.SAFETY_OFFICE);
        writer.addDepartment("D01-SAFETY", "江北区安委办", "D01", DepartmentKind.SAFETY_OFFICE);
        writer.addDepartment("T01-SAFETY", "长安镇安委办", "T01", DepartmentKind.SAFETY_OFFICE);
        writer.addDepartment("T01-FIRE", "长安镇消防工作站", "T01", DepartmentKind.INDUSTRY);
        writer.addDepartment("T01-BUILDING", "长安镇建设管理办公室", "T01", DepartmentKind.INDUSTRY);
        writer.addDepartment("T01-GRID", "长安镇网格员队伍", "T01", DepartmentKind.GRID_INSPECTORS);
        writer.addDepartment("T02-SAFETY", "河西镇安委办", "T02", DepartmentKind.SAFETY_OFFICE);
        writer.addDepartment("T02-FIRE", "河西镇消防工作站", "T02", DepartmentKind.INDUSTRY);
        writer.addDepartment("T02-BUILDING", "河西镇建设管理办公室", "T02", DepartmentKind.INDUSTRY);
        writer.addDepartment("T02-GRID", "河西镇网格员队伍", "T02", DepartmentKind.GRID_INSPECTORS);

        ensureAdminGroup();
        user("admin", "系统", "管理员", List.of(ADMIN_GROUP));
        user("supervisor", "长安镇安委办", "王监管", List.of("T01-SAFETY"));
        user("inspector", "长安镇网格员", "李巡查", List.of("T01-GRID"));
        user("fire-officer", "长安镇消防工作站", "赵消防", List.of("T01-FIRE"));
        user("building-officer", "长安镇建设办", "钱建设", List.of("T01-BUILDING"));
        user("district-officer", "江北区安委办", "孙督办", List.of("D01-SAFETY"));
        // the second town: what one town's users may not see or do is shown with these
        user("supervisor2", "河西镇安委办", "周监管", List.of("T02-SAFETY"));
        user("inspector2", "河西镇网格员", "吴巡查", List.of("T02-GRID"));
        user("fire-officer2", "河西镇消防工作站", "郑消防", List.of("T02-FIRE"));
    }

    private void ensureAdminGroup() {
        if (identityService.createGroupQuery().groupId(ADMIN_GROUP).count() == 0) {
            Group group = identityService.newGroup(ADMIN_GROUP);
            group.setName("系统管理员");
            group.setType("SYSTEM");
            identityService.saveGroup(group);
        }
    }

    private void user(String id, String firstName, String lastName, List<String> groups) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setPassword(DEMO_PASSWORD);
            user.setEmail(id + "@demo.hazardloop.local");
            identityService.saveUser(user);
        }
        for (String group : groups) {
            if (identityService.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                identityService.createMembership(id, group);
            }
        }
    }
}
