package org.hazardloop.hazard;

import java.util.Arrays;
import java.util.Optional;

/** The orders a ledger list can take; the key is what clients send. */
public enum HazardSort {
    REPORTED_AT("reportedAt", "reported_at"),
    DEADLINE("deadline", "deadline"),
    NUMBER("number", "number");

    private final String key;
    private final String column;

    HazardSort(String key, String column) {
        this.key = key;
        this.column = column;
    }

    public String key() {
        return key;
    }

    String column() {
        return column;
    }

    public static Optional<HazardSort> byKey(String key) {
        return Arrays.stream(values()).filter(sort -> sort.key.equalsIgnoreCase(key)).findFirst();
    }
}
