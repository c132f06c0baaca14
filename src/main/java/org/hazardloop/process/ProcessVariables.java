package org.hazardloop.process;

/**
 * The few process variables {@code HazardClosedLoopProcess} keeps: what task names, candidate groups,
 * due dates, gateways and the forms' read-only context need. The ledger holds everything else.
 */
public final class ProcessVariables {

    public static final String PROCESS_KEY = "HazardClosedLoopProcess";

    public static final String HAZARD_NUMBER = "hazardNumber";
    public static final String HAZARD_TITLE = "hazardTitle";
    public static final String HAZARD_DESCRIPTION = "hazardDescription";
    public static final String SECTOR = "sector";
    public static final String LOCATION = "location";
    public static final String GRID_UNIT = "gridUnit";
    /** Candidate group of assignment, extension review and verification. */
    public static final String SAFETY_OFFICE = "safetyOffice";
    /** Candidate group of close-out approval for a major hazard: the safety office one level up. */
    public static final String SUPERVISING_OFFICE = "supervisingOffice";

    private ProcessVariables() {
    }
}
