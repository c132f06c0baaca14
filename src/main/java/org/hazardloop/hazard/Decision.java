package org.hazardloop.hazard;

import java.time.ZoneId;
import java.util.Map;

/**
 * A yes/no decision with a comment: extension review, verification and close-out approval.
 * A "no" must say why, so the department knows what to fix (纸面整改 is the named enemy).
 */
public record Decision(boolean approved, String comment) {

    public static Decision parse(Map<String, ?> submitted, String decisionField, String decisionLabel,
                                 String commentField, String commentLabel, String summary) {
        SubmittedValues values = new SubmittedValues(submitted, ZoneId.systemDefault());
        Boolean approved = values.requiredYesNo(decisionField, decisionLabel);
        String comment = Boolean.FALSE.equals(approved)
                ? values.requiredText(commentField, commentLabel, 4000)
                : values.optionalText(commentField, commentLabel, 4000);
        values.ensureValid(summary);
        return new Decision(approved, comment);
    }
}
