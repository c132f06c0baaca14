package org.hazardloop.hazard.escalation;

import org.hazardloop.organization.OrgLevel;

/**
 * Who is told at one level of an escalation, and so must act.
 *
 * @param level      0 = the responsible department, 1 = the safety office of its unit, 2 = the safety office above, ...
 * @param department the department's code (its Camunda group)
 * @param unit       the grid unit the department belongs to
 * @param gridLevel  that unit's level in the five-level grid
 */
public record EscalationTarget(int level, String department, String unit, OrgLevel gridLevel) {
}
