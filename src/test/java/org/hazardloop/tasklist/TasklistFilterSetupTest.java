package org.hazardloop.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hazardloop.tasklist.HazardTaskFilters.ALL_TASKS;
import static org.hazardloop.tasklist.HazardTaskFilters.DEPARTMENT_TASKS;
import static org.hazardloop.tasklist.HazardTaskFilters.MAJOR_HAZARD_TASKS;
import static org.hazardloop.tasklist.HazardTaskFilters.MY_TASKS;
import static org.hazardloop.tasklist.HazardTaskFilters.OVERDUE_TASKS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.Task;
import org.hazardloop.process.ProcessVariables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TasklistFilterSetupTest {

    private static final List<String> NAMES = List.of(MY_TASKS, DEPARTMENT_TASKS, OVERDUE_TASKS, MAJOR_HAZARD_TASKS,
            ALL_TASKS);

    @Autowired
    FilterService filterService;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    TasklistFilterSetup setup;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String me = "filter-user-" + run;
    private final String colleague = "filter-colleague-" + run;
    private final String myDepartment = "FILTER-DEPT-" + run;
    private final String otherDepartment = "FILTER-OTHER-" + run;
    private final List<String> standaloneTasks = new ArrayList<>();
    private Deployment deployment;

    @AfterEach
    void cleanUp() {
        identityService.clearAuthentication();
        standaloneTasks.forEach(id -> taskService.deleteTask(id, true));
        if (deployment != null) {
            repositoryService.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void theFiltersExistOnceInTasklistOrderWithTheirDisplaySettings() {
        setup.run(null); // a restart: nothing new may appear

        List<Filter> filters = NAMES.stream().map(this::filterNamed).toList();

        assertThat(filters).extracting(f -> (Integer) f.getProperties().get("priority")).isSorted()
                .doesNotHaveDuplicates();
        for (Filter filter : filters) {
            assertThat(filter.getResourceType()).isEqualTo("Task");
            assertThat(filter.getOwner()).as("shared, not anyone's own").isNull();
            Map<String, Object> properties = filter.getProperties();
            assertThat((String) properties.get("description")).isNotBlank();
            assertThat(properties.get("refresh")).isIn(true, false);
            assertThat(variableLabels(filter)).containsEntry("hazardNumber", "隐患编号")
                    .containsEntry("hazardTitle", "隐患标题")
                    .containsEntry("deadline", "整改时限")
                    .containsEntry("grade", "隐患等级");
            Authorization everyoneReads = authorizationService.createAuthorizationQuery()
                    .resourceType(Resources.FILTER).resourceId(filter.getId()).userIdIn(Authorization.ANY)
                    .singleResult();
            assertThat(everyoneReads).isNotNull();
            assertThat(everyoneReads.isPermissionGranted(Permissions.READ)).isTrue();
        }
        assertThat(filterNamed(MY_TASKS).getProperties()).containsEntry("refresh", true);
        assertThat(filterNamed(ALL_TASKS).getProperties()).containsEntry("refresh", false);
    }

    @Test
    void eachFilterFindsTheTasksItPromises() {
        Instant now = Instant.now();
        String mine = task("分配给我", t -> t.setAssignee(me));
        String departmentQueue = task("部门候选", t -> { }, myDepartment);
        String claimedByColleague = task("同事已认领", t -> t.setAssignee(colleague), myDepartment);
        String otherDepartmentTask = task("其他部门", t -> { }, otherDepartment);
        String overdue = task("已过期", t -> t.setDueDate(Date.from(now.minus(Duration.ofHours(2)))), otherDepartment);
        String dueTomorrow = task("明天到期", t -> t.setDueDate(Date.from(now.plus(Duration.ofDays(1)))), otherDepartment);
        deployment = repositoryService.createDeployment().name("tasklist-filter-test")
                .addClasspathResource("tasklist/graded-task.bpmn").deploy();
        String major = gradedTask("MAJOR");
        String general = gradedTask("GENERAL");
        Set<String> created = Set.of(mine, departmentQueue, claimedByColleague, otherDepartmentTask, overdue,
                dueTomorrow, major, general);

        identityService.setAuthentication(me, List.of(myDepartment));

        assertThat(ids(MY_TASKS)).containsExactly(mine);
        assertThat(ids(DEPARTMENT_TASKS)).containsExactlyInAnyOrder(departmentQueue, claimedByColleague, major, general);
        assertThat(createdIn(MAJOR_HAZARD_TASKS, created)).containsExactly(major);
        // every filter lists only the tasks the user may read: their own, and their department's
        assertThat(createdIn(OVERDUE_TASKS, created)).isEmpty();
        assertThat(createdIn(ALL_TASKS, created))
                .containsExactlyInAnyOrder(mine, departmentQueue, claimedByColleague, major, general);

        identityService.setAuthentication(colleague, List.of(otherDepartment));
        assertThat(ids(MY_TASKS)).containsExactly(claimedByColleague);
        assertThat(ids(DEPARTMENT_TASKS)).containsExactlyInAnyOrder(otherDepartmentTask, overdue, dueTomorrow);
        assertThat(createdIn(OVERDUE_TASKS, created)).containsExactly(overdue);
        assertThat(createdIn(MAJOR_HAZARD_TASKS, created)).isEmpty();
        assertThat(createdIn(ALL_TASKS, created))
                .containsExactlyInAnyOrder(claimedByColleague, otherDepartmentTask, overdue, dueTomorrow);
    }

    @Test
    void theOverdueFilterListsTheMostOverdueFirst() {
        Instant now = Instant.now();
        String twoDaysLate = task("逾期两天", t -> t.setDueDate(Date.from(now.minus(Duration.ofDays(2)))), myDepartment);
        String oneHourLate = task("逾期一小时", t -> t.setDueDate(Date.from(now.minus(Duration.ofHours(1)))), myDepartment);
        String threeDaysLate = task("逾期三天", t -> t.setDueDate(Date.from(now.minus(Duration.ofDays(3)))), myDepartment);

        identityService.setAuthentication(me, List.of(myDepartment));

        assertThat(createdIn(OVERDUE_TASKS, Set.of(twoDaysLate, oneHourLate, threeDaysLate)))
                .containsExactly(threeDaysLate, twoDaysLate, oneHourLate);
    }

    private Filter filterNamed(String name) {
        List<Filter> filters = filterService.createFilterQuery().filterName(name).list();
        assertThat(filters).as(name).hasSize(1);
        return filters.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> variableLabels(Filter filter) {
        return ((List<Map<String, String>>) filter.getProperties().get("variables")).stream()
                .collect(Collectors.toMap(v -> v.get("name"), v -> v.get("label")));
    }

    private List<String> ids(String filterName) {
        List<Task> tasks = filterService.list(filterNamed(filterName).getId());
        return tasks.stream().map(Task::getId).toList();
    }

    /** The tasks this test created that the filter returns, in the filter's order (the database is shared). */
    private List<String> createdIn(String filterName, Set<String> created) {
        return ids(filterName).stream().filter(created::contains).toList();
    }

    private String task(String name, java.util.function.Consumer<Task> settings, String... candidateGroups) {
        Task task = taskService.newTask();
        task.setName(name + " " + run);
        settings.accept(task);
        taskService.saveTask(task);
        standaloneTasks.add(task.getId());
        for (String group : candidateGroups) {
            taskService.addCandidateGroup(task.getId(), group);
        }
        return task.getId();
    }

    private String gradedTask(String grade) {
        String instance = runtimeService.startProcessInstanceByKey("TasklistFilterTestProcess",
                Map.of(ProcessVariables.GRADE, grade, "department", myDepartment)).getId();
        return taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
    }
}
