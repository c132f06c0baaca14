package org.hazardloop.hazard;

/**
 * The user may not do this to this hazard, whatever the values: reporting outside their grid, working a step
 * that belongs to another department. A refusal like any other (the step rolls back, the message says why),
 * which the application API answers with 403.
 */
public class HazardAccessDenied extends HazardRuleViolation {

    public HazardAccessDenied(String summary, FieldViolation violation) {
        super(summary, violation);
    }
}
