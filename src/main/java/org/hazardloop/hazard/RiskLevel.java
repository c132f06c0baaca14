package org.hazardloop.hazard;

/** The four-colour risk level (红橙黄蓝) used by safety offices. */
public enum RiskLevel {
    RED("红"),
    ORANGE("橙"),
    YELLOW("黄"),
    BLUE("蓝");

    private final String label;

    RiskLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
