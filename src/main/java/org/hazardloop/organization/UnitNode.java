package org.hazardloop.organization;

import java.util.List;

/** One unit of the supervision grid with its departments and the units directly below it. */
public record UnitNode(String code, String name, OrgLevel level, String levelLabel, String parentCode,
                       List<DepartmentView> departments, List<UnitNode> children) {
}
