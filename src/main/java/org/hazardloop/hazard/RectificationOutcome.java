package org.hazardloop.hazard;

/** What the responsible department does on {@code Task_RectifyHazard}. */
public enum RectificationOutcome {
    /** 提交整改结果: the fix is done, evidence attached, ready for verification. */
    SUBMIT,
    /** 申请延期: cannot be fixed in time; interim control measures are in place. */
    REQUEST_EXTENSION
}
