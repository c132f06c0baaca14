package org.hazardloop.security;

import java.util.Map;
import java.util.UUID;
import org.hazardloop.hazard.HazardReport;
import org.hazardloop.hazard.HazardReporting;
import org.hazardloop.organization.OrgLevel;
import org.hazardloop.organization.OrganizationWriter;
import org.hazardloop.process.HazardProcessDriver;

/**
 * Two villages of their own, one in each demo town (T01 长安镇, T02 河西镇), and hazards in them at the step a test
 * needs, reported and assigned by the demo users whose job that is.
 */
final class MatrixHazards {

    /** The task a hazard waits at, with the department it belongs to. */
    enum Target {
        /** 整改 of a hazard assigned to 长安镇消防工作站 (fire-officer). */
        T01_FIRE_RECTIFICATION,
        /** 整改 of a hazard assigned to 长安镇建设管理办公室 (building-officer). */
        T01_BUILDING_RECTIFICATION,
        /** 交办 of a hazard of 长安镇 (supervisor). */
        T01_ASSIGNMENT,
        /** 交办 of a hazard of 河西镇 (supervisor2). */
        T02_ASSIGNMENT
    }

    final String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    /** A village of 长安镇 (T01). */
    final String t01Village = "MX1" + suffix;
    /** A village of 河西镇 (T02). */
    final String t02Village = "MX2" + suffix;

    private final HazardReporting reporting;
    private final HazardProcessDriver driver;

    MatrixHazards(OrganizationWriter organization, HazardReporting reporting, HazardProcessDriver driver) {
        this.reporting = reporting;
        this.driver = driver;
        organization.addUnit(t01Village, "授权测试社区" + suffix, OrgLevel.VILLAGE, "T01");
        organization.addUnit(t02Village, "授权测试村" + suffix, OrgLevel.VILLAGE, "T02");
    }

    /** A new hazard waiting at {@code target}; returns its number. */
    String at(Target target) {
        return switch (target) {
            case T01_FIRE_RECTIFICATION -> assigned(reported(t01Village), "supervisor", "T01-FIRE", "fire-officer");
            case T01_BUILDING_RECTIFICATION ->
                    assigned(reported(t01Village), "supervisor", "T01-BUILDING", "building-officer");
            case T01_ASSIGNMENT -> reported(t01Village);
            case T02_ASSIGNMENT -> reported(t02Village);
        };
    }

    /** Reported by the unit's grid inspector (inspector in T01, inspector2 in T02). */
    String reported(String village) {
        String reporter = village.equals(t01Village) ? "inspector" : "inspector2";
        return reporting.report(new HazardReport("matrix-" + UUID.randomUUID(), "授权测试：楼道堆放杂物",
                "楼道内堆放纸箱，影响疏散", "FIRE", "授权测试楼 " + suffix, village, null), reporter).number();
    }

    /** Assigned by {@code supervisor} to {@code department}, with {@code person} responsible. */
    String assigned(String number, String supervisor, String department, String person) {
        driver.complete(supervisor, number, assignment(department, person));
        return number;
    }

    /** A complete, valid assignment. */
    static Map<String, Object> assignment(String department, String person) {
        Map<String, Object> values = HazardProcessDriver.assignment("GENERAL", HazardProcessDriver.daysAhead(10));
        values.put("responsibleDepartment", department);
        values.put("responsiblePerson", person);
        return values;
    }

    /** What the person working {@code target} submits. */
    static Map<String, Object> answer(Target target) {
        return switch (target) {
            case T01_FIRE_RECTIFICATION, T01_BUILDING_RECTIFICATION -> HazardProcessDriver.submission("已清理楼道", "300");
            case T01_ASSIGNMENT -> assignment("T01-FIRE", "fire-officer");
            case T02_ASSIGNMENT -> assignment("T02-FIRE", "fire-officer2");
        };
    }
}
