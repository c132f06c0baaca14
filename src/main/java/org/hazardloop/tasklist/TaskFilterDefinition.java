package org.hazardloop.tasklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.TaskQuery;

/**
 * One shared Tasklist filter as the project ships it.
 *
 * @param priority Tasklist lists filters by ascending priority and opens the first one
 * @param refresh  whether Tasklist reloads the list by itself while the filter is open
 * @param color    the colour of the filter's stripe in Tasklist
 */
public record TaskFilterDefinition(String name, String description, int priority, boolean refresh, String color,
                                   TaskQuery query, List<TaskListColumn> columns) {

    /** The filter's {@code properties}, in the keys Tasklist's filter dialog writes and reads. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", priority);
        properties.put("refresh", refresh);
        properties.put("color", color);
        properties.put("showUndefinedVariable", false);
        properties.put("variables", columns.stream().map(TaskListColumn::asFilterProperty).toList());
        return properties;
    }
}
