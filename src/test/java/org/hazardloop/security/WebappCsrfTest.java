package org.hazardloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hazardloop.hazard.TimelineEntry;
import org.hazardloop.organization.OrganizationWriter;
import org.hazardloop.hazard.HazardReporting;
import org.hazardloop.process.HazardProcessDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The web apps keep Camunda's CSRF protection: a state-changing request of a logged-in Tasklist session without the
 * session's CSRF token (what a forged cross-site request would be) is refused, changes nothing and ends the session;
 * the same request with the token goes through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(HazardProcessDriver.class)
class WebappCsrfTest {

    @LocalServerPort
    int port;

    @Autowired
    HazardProcessDriver driver;
    @Autowired
    OrganizationWriter organization;
    @Autowired
    HazardReporting reporting;

    @Test
    void aTasklistClaimWithoutTheCsrfTokenIsRefused() {
        String number = new MatrixHazards(organization, reporting, driver).at(MatrixHazards.Target.T01_FIRE_RECTIFICATION);
        String claim = "/camunda/api/engine/engine/default/task/" + driver.task(number).getId() + "/claim";
        Client tasklist = Client.tasklist(port, "fire-officer", "demo");
        java.util.List<TimelineEntry> timeline = driver.timeline(number);

        Client.Response forged = tasklist.postWithoutCsrfToken(claim, Map.of("userId", "fire-officer"));

        assertThat(forged.status()).as(forged.toString()).isEqualTo(403);
        assertThat(forged.header("X-XSRF-TOKEN")).isEqualTo("Required");
        assertThat(driver.task(number).getAssignee()).isNull();
        assertThat(driver.timeline(number)).isEqualTo(timeline);

        // Camunda also ends the session a forged request came with
        assertThat(tasklist.post(claim, Map.of("userId", "fire-officer")).status()).isEqualTo(401);

        Client again = Client.tasklist(port, "fire-officer", "demo");
        assertThat(again.post(claim, Map.of("userId", "fire-officer")).status()).isEqualTo(204);
        assertThat(driver.task(number).getAssignee()).isEqualTo("fire-officer");
    }
}
