package org.hazardloop.organization;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Tests that each get a fresh grid of their own, removed afterwards, in the running application. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class TestGridTest {

    @Autowired
    OrganizationWriter writer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityService identityService;

    TestGrid grid;

    @BeforeEach
    void newGrid() {
        grid = new TestGrid(jdbc, identityService);
    }

    @AfterEach
    void removeGrid() {
        grid.remove();
    }
}
