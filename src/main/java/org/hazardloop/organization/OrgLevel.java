package org.hazardloop.organization;

/** The five-level supervision grid (五级监管网格), top first. */
public enum OrgLevel {
    CITY("市"),
    DISTRICT("区县"),
    TOWN("乡镇街道"),
    VILLAGE("村社区"),
    ENTERPRISE("企业");

    private final String label;

    OrgLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
