package org.hazardloop.hazard;

/** 一般隐患 / 重大事故隐患. A major hazard is listed for supervision and needs a close-out approval. */
public enum Grade {
    GENERAL("一般隐患"),
    MAJOR("重大事故隐患");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
