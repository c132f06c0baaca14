package org.hazardloop.process;

import org.hazardloop.hazard.Assignment;

/**
 * The process variables {@code HazardClosedLoopProcess} keeps: what task names, candidate groups, due dates,
 * gateways, Tasklist's columns and the forms' read-only context need. The hazard's context variables are a
 * projection of the ledger ({@link HazardContext}); the ledger holds everything else.
 */
public final class ProcessVariables {

    public static final String PROCESS_KEY = "HazardClosedLoopProcess";

    // --- set when the hazard is reported ---
    /** The hazard number, for Tasklist's columns and the forms; the process reads it from the business key. */
    public static final String HAZARD_NUMBER = "hazardNumber";
    public static final String HAZARD_TITLE = "hazardTitle";
    public static final String HAZARD_DESCRIPTION = "hazardDescription";
    public static final String SECTOR = "sector";
    public static final String LOCATION = "location";
    public static final String GRID_UNIT = "gridUnit";
    /** Candidate group of assignment, extension review and verification. */
    public static final String SAFETY_OFFICE = "safetyOffice";
    /** Candidate group of close-out approval for a major hazard: the safety office one level up (挂牌督办). */
    public static final String SUPERVISING_OFFICE = "supervisingOffice";

    // --- set when the hazard is assigned. Each is also the assignment form's field of the same name, so the
    // --- name is defined once, by the domain that reads the form.
    /** A {@code Grade} name; the grade gateway and the 重大隐患 filter read it. */
    public static final String GRADE = Assignment.GRADE;
    /** A {@code RiskLevel} name. */
    public static final String RISK_LEVEL = Assignment.RISK_LEVEL;
    public static final String MEASURES = Assignment.MEASURES;
    /** Candidate group of rectification. */
    public static final String RESPONSIBLE_DEPARTMENT = Assignment.RESPONSIBLE_DEPARTMENT;
    public static final String RESPONSIBLE_PERSON = Assignment.RESPONSIBLE_PERSON;
    /** A Double, in yuan. */
    public static final String FUNDS = Assignment.FUNDS;
    /** A Date: the rectification deadline in force (整改时限), the rectification task's due date. */
    public static final String DEADLINE = Assignment.DEADLINE;
    public static final String CONTINGENCY_PLAN = Assignment.CONTINGENCY_PLAN;

    private ProcessVariables() {
    }
}
