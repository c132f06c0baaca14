package org.hazardloop.api;

import java.util.Map;

/** Chinese names of the API's body fields and query parameters, for error messages Spring or Jackson raise. */
final class FieldLabels {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("title", "隐患标题"),
            Map.entry("description", "隐患描述"),
            Map.entry("sector", "行业领域"),
            Map.entry("location", "隐患位置"),
            Map.entry("gridUnit", "所属网格"),
            Map.entry("discoveredAt", "发现时间"),
            Map.entry("reportId", "上报编号"),
            Map.entry("reporter", "上报人"),
            Map.entry("status", "状态"),
            Map.entry("grade", "隐患等级"),
            Map.entry("responsibleDepartment", "责任单位"),
            Map.entry("overdue", "是否逾期"),
            Map.entry("minEscalationLevel", "逾期督办级别"),
            Map.entry("escalationTarget", "被督办部门"),
            Map.entry("reportedFrom", "上报时间起"),
            Map.entry("reportedTo", "上报时间止"),
            Map.entry("page", "页码"),
            Map.entry("size", "每页条数"),
            Map.entry("sort", "排序方式"),
            Map.entry("number", "隐患编号"));

    private FieldLabels() {
    }

    static String of(String field) {
        return LABELS.getOrDefault(field, field);
    }
}
