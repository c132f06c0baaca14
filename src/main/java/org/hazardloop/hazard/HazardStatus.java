package org.hazardloop.hazard;

/** Where a hazard stands in the closed loop; the ledger's {@code status} column. */
public enum HazardStatus {
    REPORTED,
    RECTIFYING,
    EXTENSION_REQUESTED,
    VERIFYING,
    AWAITING_CLOSEOUT,
    CLOSED
}
