package org.hazardloop.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Production: the demo seed is off and departments arrive by SQL. A department inserted by SQL before
 * the application's start-up runners ran must have its Camunda group once the application is up.
 */
@SpringBootTest(properties = "hazardloop.demo.enabled=false")
@ActiveProfiles("test")
class DepartmentGroupSyncTest {

    static final String UNIT = "S" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    static final String DEPARTMENT = UNIT + "-SAFETY";
    static final String RENAMED = UNIT + "-FIRE";

    @TestConfiguration
    static class DepartmentsLoadedBySql {

        /** Stands for an operator's SQL load: runs before every runner of the application. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        ApplicationRunner loadDepartmentBySql(JdbcClient jdbc) {
            return args -> {
                jdbc.sql("INSERT INTO hl_org_unit (code, name, level, parent_code, path) VALUES (:c, '导入镇', 'TOWN', NULL, :p)")
                        .param("c", UNIT).param("p", "/" + UNIT + "/").update();
                jdbc.sql("INSERT INTO hl_department (code, name, unit_code, kind) VALUES (:d, '导入镇安委办', :c, 'SAFETY_OFFICE')")
                        .param("d", DEPARTMENT).param("c", UNIT).update();
            };
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    IdentityService identityService;
    @Autowired
    OrganizationWriter writer;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aDepartmentLoadedBySqlHasItsGroupAfterStartWithTheDemoSeedOff() {
        assertThat(context.getBeanNamesForType(DemoOrganizationSeeder.class)).isEmpty();

        Group group = identityService.createGroupQuery().groupId(DEPARTMENT).singleResult();
        assertThat(group).isNotNull();
        assertThat(group.getName()).isEqualTo("导入镇安委办");
        assertThat(group.getType()).isEqualTo(OrganizationWriter.DEPARTMENT_GROUP_TYPE);
    }

    @Test
    void aDepartmentRenamedBySqlRenamesItsGroupOnTheNextSync() {
        writer.addDepartment(RENAMED, "导入镇消防站", UNIT, DepartmentKind.INDUSTRY);
        jdbc.sql("UPDATE hl_department SET name = '导入镇消防救援站' WHERE code = :d").param("d", RENAMED).update();

        writer.syncDepartmentGroups();

        assertThat(identityService.createGroupQuery().groupId(RENAMED).singleResult().getName())
                .isEqualTo("导入镇消防救援站");
    }

    @AfterAll
    static void removeImportedDepartment(@Autowired JdbcClient jdbc, @Autowired IdentityService identityService) {
        for (String department : new String[] {DEPARTMENT, RENAMED}) {
            identityService.deleteGroup(department);
            jdbc.sql("DELETE FROM hl_department WHERE code = :d").param("d", department).update();
        }
        jdbc.sql("DELETE FROM hl_org_unit WHERE code = :c").param("c", UNIT).update();
    }
}
