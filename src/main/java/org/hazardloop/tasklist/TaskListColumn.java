package org.hazardloop.tasklist;

import java.util.Map;

/** A process variable Tasklist shows on each task card of a filter, with its Chinese label. */
public record TaskListColumn(String name, String label) {

    /** The shape Tasklist reads from a filter's {@code properties.variables}. */
    Map<String, Object> asFilterProperty() {
        return Map.of("name", name, "label", label);
    }
}
