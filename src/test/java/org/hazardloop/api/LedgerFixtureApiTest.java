package org.hazardloop.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.hazardloop.organization.OrganizationWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** API tests that read one ledger of hazards in every status, reported through the API once per class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerFixtureApiTest extends ApiIntegrationTest {

    @Autowired
    OrganizationWriter organization;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService taskService;

    LedgerFixture grid;

    @BeforeAll
    void buildGrid() throws InterruptedException {
        grid = new LedgerFixture().build(organization, identity, new LoopSteps(taskService), body -> {
            HttpResult created = postJson("/api/hazards", body);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            return created.json().path("number").asText();
        });
    }
}
