package org.hazardloop.hazard;

/** What happened to a hazard; one timeline entry each. */
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
    CLOSED
}
