package org.hazardloop.hazard;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A business rule refused a step. Thrown from inside an engine command it rolls the whole
 * step back, so the task stays open and neither the engine nor the ledger changes.
 */
public class HazardRuleViolation extends RuntimeException {

    private final List<FieldViolation> violations;

    public HazardRuleViolation(String summary, List<FieldViolation> violations) {
        super(summary + "：" + violations.stream().map(FieldViolation::toString).collect(Collectors.joining("；")));
        this.violations = List.copyOf(violations);
    }

    public HazardRuleViolation(String summary, FieldViolation violation) {
        this(summary, List.of(violation));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
