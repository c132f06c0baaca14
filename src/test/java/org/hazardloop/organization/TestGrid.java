package org.hazardloop.organization;

import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Units and departments a test creates for itself, under codes no other run uses, and removes afterwards:
 * the test database is shared and never emptied.
 */
final class TestGrid {

    private final String prefix = "X" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    private final JdbcClient jdbc;
    private final IdentityService identityService;

    TestGrid(JdbcClient jdbc, IdentityService identityService) {
        this.jdbc = jdbc;
        this.identityService = identityService;
    }

    /** A code unique to this grid, e.g. {@code code("T")} → {@code X1A2B3C4D-T}. */
    String code(String local) {
        return prefix + "-" + local;
    }

    String prefix() {
        return prefix;
    }

    void remove() {
        String pattern = prefix + "%";
        jdbc.sql("SELECT code FROM hl_department WHERE code LIKE :p").param("p", pattern).query(String.class).list()
                .forEach(code -> {
                    if (identityService.createGroupQuery().groupId(code).count() > 0) {
                        identityService.deleteGroup(code);
                    }
                });
        jdbc.sql("DELETE FROM hl_department WHERE code LIKE :p").param("p", pattern).update();
        // children before parents: the deepest paths first
        jdbc.sql("SELECT code FROM hl_org_unit WHERE code LIKE :p ORDER BY LENGTH(path) DESC")
                .param("p", pattern).query(String.class).list()
                .forEach(code -> jdbc.sql("DELETE FROM hl_org_unit WHERE code = :c").param("c", code).update());
    }
}
