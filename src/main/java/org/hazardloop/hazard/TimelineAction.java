package org.hazardloop.hazard;

/** What happened to a hazard; one timeline entry each. */
public enum TimelineAction {
    REPORTED,
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
