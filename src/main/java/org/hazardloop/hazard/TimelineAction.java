package org.hazardloop.hazard;

/**
 * What happened to a hazard; one timeline entry each. The last three are written by the deadline timers
 * (actor {@code system}), not by a user's step.
 */
public enum TimelineAction {
    REPORTED,
    /** A task of the hazard was claimed, or given to someone (the details name the task and the assignee). */
    CLAIMED,
    /** A task of the hazard was given back to its department's queue. */
    UNCLAIMED,
    ASSIGNED,
    EXTENSION_REQUESTED,
    EXTENSION_APPROVED,
    EXTENSION_REJECTED,
    RECTIFICATION_SUBMITTED,
    VERIFICATION_FAILED,
    VERIFIED,
    CLOSEOUT_APPROVED,
    CLOSEOUT_REJECTED,
    CLOSED,
    /** 临期提醒: the rectification deadline is near. */
    DEADLINE_APPROACHING,
    /** 逾期: the rectification deadline passed; the responsible department is told. */
    OVERDUE,
    /** 逐级督办: still overdue (or verification overdue); one level further up the grid is told. */
    ESCALATED
}
