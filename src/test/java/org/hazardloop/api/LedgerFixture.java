package org.hazardloop.api;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.hazardloop.organization.DepartmentKind;
import org.hazardloop.organization.OrgLevel;
import org.hazardloop.organization.OrganizationWriter;

/**
 * A grid of its own under the demo town T01, with hazards in known states, so lists and figures can be
 * asserted exactly on a database other tests also write to.
 *
 * <pre>
 * T01 (demo)
 *  ├─ village         : reported (FIRE) ........................ REPORTED
 *  │   ├─ enterprise1 : rectifying (GAS, department) ........... RECTIFYING, deadline in 30 days
 *  │   │                overdue (FIRE, MAJOR, otherDepartment) .. RECTIFYING, deadline passed
 *  │   └─ enterprise2 : verifying (ELECTRICITY) ................. VERIFYING, deadline passed (not overdue)
 *  │                    closed (FIRE) ........................... CLOSED, deadline in 31 days
 *  ├─ otherVillage    : outside (FIRE) ......................... REPORTED
 *  ├─ underscoreUnit  : underscore ............................. REPORTED   (code contains '_')
 *  ├─ lookalikeUnit   : lookalike .............................. REPORTED   ('_' replaced by 'X')
 *  └─ emptyUnit       : no hazards
 * </pre>
 * Hazards are reported in the order listed, so numbers and report times ascend in that order.
 */
final class LedgerFixture {

    final String suffix = ApiIntegrationTest.unique("");
    final String village = "FV" + suffix;
    final String enterprise1 = "FE1" + suffix;
    final String enterprise2 = "FE2" + suffix;
    final String otherVillage = "FW" + suffix;
    final String underscoreUnit = "FU_" + suffix;
    final String lookalikeUnit = "FUX" + suffix;
    final String emptyUnit = "FZ" + suffix;
    final String department = "FD" + suffix;
    final String otherDepartment = "FD2" + suffix;
    final String person = "fp-" + suffix.toLowerCase();

    String reported;
    String rectifying;
    String overdue;
    String verifying;
    String closed;
    String outside;
    String underscore;
    String lookalike;

    /** Builds the grid and the hazards; {@code report} sends a report body and returns the hazard number. */
    LedgerFixture build(OrganizationWriter organization, IdentityService identity, LoopSteps steps,
                        Function<Map<String, Object>, String> report) throws InterruptedException {
        organization.addUnit(village, "测试社区" + suffix, OrgLevel.VILLAGE, "T01");
        organization.addUnit(enterprise1, "测试企业一" + suffix, OrgLevel.ENTERPRISE, village);
        organization.addUnit(enterprise2, "测试企业二" + suffix, OrgLevel.ENTERPRISE, village);
        organization.addUnit(otherVillage, "测试村" + suffix, OrgLevel.VILLAGE, "T01");
        organization.addUnit(underscoreUnit, "测试下划线社区" + suffix, OrgLevel.VILLAGE, "T01");
        organization.addUnit(lookalikeUnit, "测试相似社区" + suffix, OrgLevel.VILLAGE, "T01");
        organization.addUnit(emptyUnit, "测试空社区" + suffix, OrgLevel.VILLAGE, "T01");
        organization.addDepartment(department, "测试消防站" + suffix, "T01", DepartmentKind.INDUSTRY);
        organization.addDepartment(otherDepartment, "测试建设办" + suffix, "T01", DepartmentKind.INDUSTRY);
        User user = identity.newUser(person);
        user.setFirstName("测试");
        user.setLastName("责任人");
        identity.saveUser(user);
        identity.createMembership(person, department);
        identity.createMembership(person, otherDepartment);

        reported = report.apply(report(village, "FIRE"));
        rectifying = report.apply(report(enterprise1, "GAS"));
        overdue = report.apply(report(enterprise1, "FIRE"));
        verifying = report.apply(report(enterprise2, "ELECTRICITY"));
        closed = report.apply(report(enterprise2, "FIRE"));
        outside = report.apply(report(otherVillage, "FIRE"));
        underscore = report.apply(report(underscoreUnit, "GAS"));
        lookalike = report.apply(report(lookalikeUnit, "GAS"));

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        OffsetDateTime soon = now.plusSeconds(4);
        steps.assign(overdue, "MAJOR", otherDepartment, person, soon);
        steps.assign(verifying, "GENERAL", department, person, soon.plusNanos(1_000_000));
        steps.assign(rectifying, "GENERAL", department, person, now.plusDays(30));
        steps.assign(closed, "GENERAL", department, person, now.plusDays(31));
        steps.submitRectification(verifying, person);
        steps.submitRectification(closed, person);
        steps.passVerification(closed);

        // Let the short deadlines pass: the overdue hazard is still rectifying, the verifying one is not.
        Duration untilPassed = Duration.between(OffsetDateTime.now(ZoneOffset.ofHours(8)), soon.plusSeconds(1));
        if (!untilPassed.isNegative()) {
            Thread.sleep(untilPassed.toMillis());
        }
        return this;
    }

    /** The hazards under {@code village}, in reporting order. */
    List<String> villageSubtree() {
        return List.of(reported, rectifying, overdue, verifying, closed);
    }

    private static Map<String, Object> report(String gridUnit, String sector) {
        Map<String, Object> body = ApiIntegrationTest.validReport(gridUnit);
        body.put("sector", sector);
        return body;
    }
}
