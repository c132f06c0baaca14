package org.hazardloop.organization;

public enum DepartmentKind {
    /** 安委办: assigns, verifies, approves; receives escalations for its unit. */
    SAFETY_OFFICE("安委办"),
    /** 行业主管部门: responsible for the hazards in its sector (管行业必须管安全). */
    INDUSTRY("行业主管部门"),
    /** 网格员队伍: grid inspectors who discover and report hazards in the unit. */
    GRID_INSPECTORS("网格员队伍");

    private final String label;

    DepartmentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
