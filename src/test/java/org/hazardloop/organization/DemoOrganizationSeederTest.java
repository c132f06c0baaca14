package org.hazardloop.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DemoOrganizationSeederTest {

    private static final List<String> UNITS = List.of("C01", "D01", "T01", "T02", "V01", "V02", "E01");
    private static final List<String> DEPARTMENTS = List.of("C01-SAFETY", "D01-SAFETY", "T01-SAFETY", "T01-FIRE",
            "T01-BUILDING", "T01-GRID", "T02-SAFETY", "T02-FIRE", "T02-BUILDING", "T02-GRID");
    private static final List<String> USERS = List.of("admin", "supervisor", "inspector", "fire-officer",
            "building-officer", "district-officer", "supervisor2", "inspector2", "fire-officer2");

    @Autowired
    DemoOrganizationSeeder seeder;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcClient jdbc;

    @Test
    void seedingTwiceLeavesTheSameRowsUsersAndMemberships() {
        seeder.run(null);
        Map<String, Object> afterFirst = snapshot();
        seeder.run(null);
        Map<String, Object> afterSecond = snapshot();

        assertThat(afterSecond).isEqualTo(afterFirst);
        assertThat((List<?>) afterFirst.get("units")).hasSize(UNITS.size());
        assertThat((List<?>) afterFirst.get("departments")).hasSize(DEPARTMENTS.size());
        assertThat((List<?>) afterFirst.get("users")).hasSize(USERS.size());
        @SuppressWarnings("unchecked")
        Map<String, List<String>> memberships = (Map<String, List<String>>) afterFirst.get("memberships");
        assertThat(memberships).containsEntry("supervisor", List.of("T01-SAFETY"))
                .containsEntry("admin", List.of(DemoOrganizationSeeder.ADMIN_GROUP))
                .containsEntry("district-officer", List.of("D01-SAFETY"));
        assertThat(identityService.checkPassword("supervisor", DemoOrganizationSeeder.DEMO_PASSWORD)).isTrue();
    }

    @Test
    void everyDemoDepartmentIsADepartmentGroupOfTheSameName() {
        for (String code : DEPARTMENTS) {
            Group group = identityService.createGroupQuery().groupId(code).singleResult();
            assertThat(group).as(code).isNotNull();
            assertThat(group.getType()).isEqualTo(OrganizationWriter.DEPARTMENT_GROUP_TYPE);
        }
        assertThat(identityService.createGroupQuery().groupId("T01-SAFETY").singleResult().getName())
                .isEqualTo("长安镇安委办");
    }

    private Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new TreeMap<>();
        snapshot.put("units", jdbc.sql("SELECT code, name, level, parent_code, path FROM hl_org_unit"
                        + " WHERE code IN (:codes) ORDER BY code")
                .param("codes", UNITS).query().listOfRows());
        snapshot.put("departments", jdbc.sql("SELECT code, name, unit_code, kind FROM hl_department"
                        + " WHERE code IN (:codes) ORDER BY code")
                .param("codes", DEPARTMENTS).query().listOfRows());
        snapshot.put("groups", identityService.createGroupQuery()
                .groupIdIn(concat(DEPARTMENTS, DemoOrganizationSeeder.ADMIN_GROUP)).orderByGroupId().asc().list()
                .stream().map(g -> List.of(g.getId(), g.getName(), g.getType())).toList());
        snapshot.put("users", identityService.createUserQuery().userIdIn(USERS.toArray(String[]::new))
                .orderByUserId().asc().list().stream().map(DemoOrganizationSeederTest::describe).toList());
        Map<String, List<String>> memberships = new TreeMap<>();
        for (String user : USERS) {
            memberships.put(user, identityService.createGroupQuery().groupMember(user).orderByGroupId().asc().list()
                    .stream().map(Group::getId).toList());
        }
        snapshot.put("memberships", memberships);
        // whole-table counts catch a duplicate written under another key
        snapshot.put("unitRows", jdbc.sql("SELECT COUNT(*) FROM hl_org_unit").query(Long.class).single());
        snapshot.put("departmentRows", jdbc.sql("SELECT COUNT(*) FROM hl_department").query(Long.class).single());
        snapshot.put("membershipRows", jdbc.sql("SELECT COUNT(*) FROM ACT_ID_MEMBERSHIP").query(Long.class).single());
        snapshot.put("userRows", identityService.createUserQuery().count());
        snapshot.put("groupRows", identityService.createGroupQuery().count());
        return snapshot;
    }

    private static List<String> describe(User user) {
        return List.of(user.getId(), user.getFirstName(), user.getLastName(), user.getEmail());
    }

    private static String[] concat(List<String> codes, String extra) {
        return java.util.stream.Stream.concat(codes.stream(), java.util.stream.Stream.of(extra))
                .toArray(String[]::new);
    }
}
