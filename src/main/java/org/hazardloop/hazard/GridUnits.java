package org.hazardloop.hazard;

import java.util.List;
import org.hazardloop.organization.OrgUnit;
import org.hazardloop.organization.OrganizationDirectory;

/** Resolves a grid-unit filter; an unknown unit is a refusal, not an empty answer. */
final class GridUnits {

    private GridUnits() {
    }

    /** The unit, or null for no filter; records a violation on {@code gridUnit} if it does not exist. */
    static OrgUnit resolve(OrganizationDirectory organization, String code, List<FieldViolation> violations) {
        if (code == null || code.isBlank()) {
            return null;
        }
        OrgUnit unit = organization.unit(code.strip()).orElse(null);
        if (unit == null) {
            violations.add(new FieldViolation("gridUnit", "所属网格不存在：" + code.strip()));
        }
        return unit;
    }
}
