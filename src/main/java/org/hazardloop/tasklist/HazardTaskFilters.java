package org.hazardloop.tasklist;

import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;
import org.hazardloop.hazard.Grade;
import org.hazardloop.process.ProcessVariables;
import org.springframework.stereotype.Component;

/** The shared Tasklist filters every supervisor, inspector and department officer starts with. */
@Component
public class HazardTaskFilters {

    /** Process variable set when a hazard is graded at assignment: a {@link Grade} name. */
    public static final String GRADE = "grade";
    /** Process variable set at assignment: the rectification deadline (整改时限). */
    public static final String DEADLINE = "deadline";

    public static final String MY_TASKS = "我的待办";
    public static final String DEPARTMENT_TASKS = "本部门待办";
    public static final String OVERDUE_TASKS = "已逾期";
    public static final String MAJOR_HAZARD_TASKS = "重大隐患";
    public static final String ALL_TASKS = "全部待办";

    /** What a supervisor needs on a task card to pick the right hazard without opening it. */
    static final List<TaskListColumn> HAZARD_COLUMNS = List.of(
            new TaskListColumn(ProcessVariables.HAZARD_NUMBER, "隐患编号"),
            new TaskListColumn(ProcessVariables.HAZARD_TITLE, "隐患标题"),
            new TaskListColumn(GRADE, "隐患等级"),
            new TaskListColumn(DEADLINE, "整改时限"),
            new TaskListColumn(ProcessVariables.GRID_UNIT, "所属网格"),
            new TaskListColumn(ProcessVariables.LOCATION, "隐患位置"));

    private final TaskService taskService;

    public HazardTaskFilters(TaskService taskService) {
        this.taskService = taskService;
    }

    public List<TaskFilterDefinition> definitions() {
        return List.of(
                new TaskFilterDefinition(MY_TASKS, "已分配给我本人的任务", 10, true, "#1f6fb2",
                        byUrgency(query().taskAssigneeExpression("${currentUser()}")), HAZARD_COLUMNS),
                // Assigned tasks are included: a department's head supervises its whole backlog (督办), and a
                // task a colleague has claimed must not vanish from the department's view while it waits.
                new TaskFilterDefinition(DEPARTMENT_TASKS, "我所在部门作为候选组的全部任务，含已被同事认领的任务", 20, true,
                        "#2e8540",
                        byUrgency(query().taskCandidateGroupInExpression("${currentUserGroups()}")
                                .includeAssignedTasks()),
                        HAZARD_COLUMNS),
                new TaskFilterDefinition(OVERDUE_TASKS, "已超过到期时间仍未办结的任务，最早到期的排在最前", 30, true,
                        "#b5152b", byUrgency(query().dueBeforeExpression("${now()}")), HAZARD_COLUMNS),
                new TaskFilterDefinition(MAJOR_HAZARD_TASKS, "重大事故隐患的待办任务（挂牌督办）", 40, true, "#d97706",
                        byUrgency(query().processVariableValueEquals(GRADE, Grade.MAJOR.name())), HAZARD_COLUMNS),
                // No auto-refresh: counting every open task of a whole district or city on a timer is the
                // most expensive query Tasklist can send, and this list is browsed rather than worked from.
                new TaskFilterDefinition(ALL_TASKS, "我有权查看的全部待办任务", 50, false, "#555555",
                        query().orderByTaskCreateTime().desc(), HAZARD_COLUMNS));
    }

    private TaskQuery query() {
        return taskService.createTaskQuery();
    }

    /** Soonest due first; among equal or missing due dates, the oldest task first. */
    private static TaskQuery byUrgency(TaskQuery query) {
        return query.orderByDueDate().asc().orderByTaskCreateTime().asc();
    }
}
