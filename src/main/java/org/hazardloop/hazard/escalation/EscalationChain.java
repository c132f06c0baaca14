package org.hazardloop.hazard.escalation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hazardloop.organization.Department;
import org.hazardloop.organization.OrgUnit;

/**
 * The supervision grid above a responsible department, one target per escalation level (逐级督办): the
 * department itself (level 0), the safety office of its unit (level 1), then the safety office of each unit
 * above, up to the top of the grid. A unit without a safety office of its own is passed over: its offices'
 * work is done by the nearest office above, which is already next in line.
 */
public final class EscalationChain {

    private final List<EscalationTarget> targets;

    private EscalationChain(List<EscalationTarget> targets) {
        this.targets = List.copyOf(targets);
    }

    /**
     * @param responsible        the responsible department
     * @param unitsNearestFirst  the department's unit and its ancestors, nearest first, up to the top of the grid
     * @param safetyOfficeByUnit the safety office of each unit that has one, by unit code
     */
    public static EscalationChain of(Department responsible, List<OrgUnit> unitsNearestFirst,
                                     Map<String, Department> safetyOfficeByUnit) {
        if (unitsNearestFirst.isEmpty() || !unitsNearestFirst.get(0).code().equals(responsible.unitCode())) {
            throw new IllegalArgumentException("the units must start with the unit of " + responsible.code());
        }
        List<EscalationTarget> targets = new ArrayList<>();
        targets.add(new EscalationTarget(0, responsible.code(), responsible.unitCode(), unitsNearestFirst.get(0).level()));
        for (OrgUnit unit : unitsNearestFirst) {
            Department office = safetyOfficeByUnit.get(unit.code());
            if (office != null && !Objects.equals(office.code(), targets.get(targets.size() - 1).department())) {
                targets.add(new EscalationTarget(targets.size(), office.code(), unit.code(), unit.level()));
            }
        }
        return new EscalationChain(targets);
    }

    /** Level 0: the responsible department. */
    public EscalationTarget department() {
        return targets.get(0);
    }

    /** The target one level above {@code level}; empty at the top of the grid. */
    public Optional<EscalationTarget> above(int level) {
        return level + 1 < targets.size() ? Optional.of(targets.get(level + 1)) : Optional.empty();
    }

    /** The highest level there is: how many escalations follow the overdue notice. */
    public int topLevel() {
        return targets.size() - 1;
    }

    public List<EscalationTarget> targets() {
        return targets;
    }
}
