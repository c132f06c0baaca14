package org.hazardloop.hazard.escalation;

/** Which deadline slipped: the rectification deadline (整改时限) or the verification deadline (验收时限). */
public enum EscalationStage {
    RECTIFICATION,
    VERIFICATION
}
