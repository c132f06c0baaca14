package org.hazardloop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hazardloop.security.MatrixHazards.Target.T01_ASSIGNMENT;
import static org.hazardloop.security.MatrixHazards.Target.T01_BUILDING_RECTIFICATION;
import static org.hazardloop.security.MatrixHazards.Target.T01_FIRE_RECTIFICATION;
import static org.hazardloop.security.MatrixHazards.Target.T02_ASSIGNMENT;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.task.Task;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardLedger;
import org.hazardloop.hazard.HazardReporting;
import org.hazardloop.hazard.TimelineEntry;
import org.hazardloop.organization.OrganizationWriter;
import org.hazardloop.process.HazardProcessDriver;
import org.hazardloop.security.MatrixHazards.Target;
import org.hazardloop.tasklist.HazardTaskFilters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Who may do what, over real HTTP: the six demo roles (and nobody) against hazards of two departments of 长安镇
 * (T01-FIRE, T01-BUILDING) and of two towns (长安镇 T01, 河西镇 T02), through the application API ({@code /api}),
 * the engine REST API ({@code /engine-rest}) and Tasklist's engine API ({@code /camunda/api/engine}). Every refusal
 * is checked to have changed nothing.
 *
 * <pre>
 * hazard  grid          reported by   waits at                      department
 *   A     长安镇 village  inspector     整改 (rectification)           T01-FIRE (fire-officer)
 *   B     长安镇 village  inspector     整改                           T01-BUILDING (building-officer)
 *   C     河西镇 village  inspector2    整改                           T02-FIRE (fire-officer2)
 *   D     长安镇 village  inspector     交办 (assignment)              T01-SAFETY (supervisor)
 *   E     河西镇 village  inspector2    交办                           T02-SAFETY (supervisor2)
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(HazardProcessDriver.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    static final String DEMO_PASSWORD = "demo";
    static final List<String> ROLES = List.of("admin", "supervisor", "inspector", "fire-officer", "building-officer",
            "district-officer");

    /** The ledger entries each role reads (/api/hazards, /api/hazards/{number}). */
    static final Map<String, String> READS = Map.of(
            "admin", "ABCDE",
            "supervisor", "ABD",          // 长安镇安委办: its town's subtree
            "inspector", "ABD",           // what it reported
            "fire-officer", "A",          // what its department is responsible for
            "building-officer", "B",
            "district-officer", "ABCDE"); // 江北区安委办: both towns

    /** The open tasks each role sees (/engine-rest/task, Tasklist's filters). */
    static final Map<String, String> TASKS = Map.of(
            "admin", "ABCDE",
            "supervisor", "ABD",
            "inspector", "",
            "fire-officer", "A",
            "building-officer", "B",
            "district-officer", "ABCDE");

    /** The process instances each role reads (/engine-rest/process-instance, Cockpit). */
    static final Map<String, String> INSTANCES = Map.of(
            "admin", "ABCDE",
            "supervisor", "ABD",
            "inspector", "ABD",
            "fire-officer", "A",
            "building-officer", "B",
            "district-officer", "ABCDE");

    /**
     * Claiming, and completing, a task waiting at each target: 204 done, 403 not the role's. An administrator passes
     * the engine's checks but works no department's step: the application refuses, also with 403, saying why.
     */
    static final Map<String, Map<Target, Integer>> WORKS = Map.of(
            "admin", Map.of(T01_FIRE_RECTIFICATION, 403, T01_BUILDING_RECTIFICATION, 403, T01_ASSIGNMENT, 403,
                    T02_ASSIGNMENT, 403),
            "supervisor", Map.of(T01_FIRE_RECTIFICATION, 403, T01_BUILDING_RECTIFICATION, 403, T01_ASSIGNMENT, 204,
                    T02_ASSIGNMENT, 403),
            "inspector", Map.of(T01_FIRE_RECTIFICATION, 403, T01_BUILDING_RECTIFICATION, 403, T01_ASSIGNMENT, 403,
                    T02_ASSIGNMENT, 403),
            "fire-officer", Map.of(T01_FIRE_RECTIFICATION, 204, T01_BUILDING_RECTIFICATION, 403, T01_ASSIGNMENT, 403,
                    T02_ASSIGNMENT, 403),
            "building-officer", Map.of(T01_FIRE_RECTIFICATION, 403, T01_BUILDING_RECTIFICATION, 204, T01_ASSIGNMENT, 403,
                    T02_ASSIGNMENT, 403),
            "district-officer", Map.of(T01_FIRE_RECTIFICATION, 403, T01_BUILDING_RECTIFICATION, 403, T01_ASSIGNMENT, 403,
                    T02_ASSIGNMENT, 403));

    /** Reporting a hazard in a village of 长安镇 and of 河西镇: 201 reported, 403 not the role's grid. */
    static final Map<String, List<Integer>> REPORTS = Map.of(
            "admin", List.of(403, 403),
            "supervisor", List.of(201, 403),
            "inspector", List.of(201, 403),
            "fire-officer", List.of(403, 403),
            "building-officer", List.of(403, 403),
            "district-officer", List.of(201, 201));

    @LocalServerPort
    int port;

    @Autowired
    HazardProcessDriver driver;
    @Autowired
    OrganizationWriter organization;
    @Autowired
    HazardReporting reporting;
    @Autowired
    HazardLedger ledger;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    FilterService filterService;
    @Autowired
    JdbcClient jdbc;

    /** The five hazards everyone reads, in villages of their own: figures over those villages are exact. */
    MatrixHazards readable;
    /** Villages for the hazards the claim and completion cells work on, one hazard per cell. */
    MatrixHazards workable;
    final Map<Character, String> numbers = new LinkedHashMap<>();
    Instant fixtureStart;

    @BeforeAll
    void reportTheHazards() {
        fixtureStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        readable = new MatrixHazards(organization, reporting, driver);
        workable = new MatrixHazards(organization, reporting, driver);
        numbers.put('A', readable.at(T01_FIRE_RECTIFICATION));
        numbers.put('B', readable.at(T01_BUILDING_RECTIFICATION));
        numbers.put('C', readable.assigned(readable.reported(readable.t02Village), "supervisor2", "T02-FIRE", "fire-officer2"));
        numbers.put('D', readable.at(T01_ASSIGNMENT));
        numbers.put('E', readable.at(T02_ASSIGNMENT));
    }

    static Stream<String> roles() {
        return ROLES.stream();
    }

    // --- reading ----------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void eachRoleReadsExactlyTheHazardsOfItsPlaceInTheGrid(String role) {
        Client client = Client.basic(port, role, DEMO_PASSWORD);
        for (Map.Entry<Character, String> hazard : numbers.entrySet()) {
            Client.Response read = client.get("/api/hazards/" + hazard.getValue());
            boolean readable = READS.get(role).indexOf(hazard.getKey()) >= 0;
            assertThat(read.status()).as(role + " reads " + hazard.getKey() + ": " + read).isEqualTo(readable ? 200 : 404);
            if (!readable) {
                assertThat(read.json().path("title").asText()).isEqualTo("隐患不存在");
            }
        }

        Client.Response list = client.get("/api/hazards?size=100&reportedFrom=" + fixtureStart);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        Set<String> listed = new HashSet<>(list.json().path("items").findValuesAsText("number"));
        assertThat(fixture(listed)).as(role + " lists").isEqualTo(READS.get(role));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void theStatisticsCountOnlyWhatTheRoleMayRead(String role) {
        Client client = Client.basic(port, role, DEMO_PASSWORD);
        long inT01 = READS.get(role).chars().filter(letter -> "ABD".indexOf(letter) >= 0).count();
        long inT02 = READS.get(role).chars().filter(letter -> "CE".indexOf(letter) >= 0).count();

        assertThat(total(client, readable.t01Village)).as(role + " in 长安镇").isEqualTo(inT01);
        assertThat(total(client, readable.t02Village)).as(role + " in 河西镇").isEqualTo(inT02);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void eachRoleSeesExactlyItsTasksThroughTheEngineRestApi(String role) {
        Client client = Client.basic(port, role, DEMO_PASSWORD);

        Client.Response tasks = client.get("/engine-rest/task?processInstanceBusinessKeyIn=" + String.join(",", numbers.values()));
        assertThat(tasks.status()).as(tasks.toString()).isEqualTo(200);
        assertThat(fixture(businessKeys(tasks.json()))).as(role + " tasks").isEqualTo(TASKS.get(role));

        Client.Response instances = client.get("/engine-rest/process-instance?businessKeyIn=" + String.join(",", numbers.values()));
        assertThat(instances.status()).as(instances.toString()).isEqualTo(200);
        assertThat(fixture(instances.json().findValuesAsText("businessKey"))).as(role + " process instances")
                .isEqualTo(INSTANCES.get(role));

        for (Map.Entry<Character, String> hazard : numbers.entrySet()) {
            Task task = driver.task(hazard.getValue());
            Client.Response one = client.get("/engine-rest/task/" + task.getId());
            boolean visible = TASKS.get(role).indexOf(hazard.getKey()) >= 0;
            assertThat(one.status()).as(role + " opens the task of " + hazard.getKey()).isEqualTo(visible ? 200 : 404);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void eachRoleSeesExactlyItsTasksInTasklistFiltersAndTheirCounts(String role) {
        Client tasklist = Client.tasklist(port, role, DEMO_PASSWORD);
        Map<String, Object> ourHazards = Map.of("processInstanceBusinessKeyIn", List.copyOf(numbers.values()));

        for (String filterName : List.of(HazardTaskFilters.ALL_TASKS, HazardTaskFilters.DEPARTMENT_TASKS)) {
            String filterId = filterService.createFilterQuery().filterName(filterName).singleResult().getId();
            Client.Response list = tasklist.post("/camunda/api/engine/engine/default/filter/" + filterId + "/list", ourHazards);
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            List<String> keys = businessKeys(list.json());
            Client.Response count = tasklist.post("/camunda/api/engine/engine/default/filter/" + filterId + "/count", ourHazards);
            assertThat(count.json().path("count").asLong()).as(role + " " + filterName + " count").isEqualTo(keys.size());
            if (filterName.equals(HazardTaskFilters.ALL_TASKS)) {
                assertThat(fixture(keys)).as(role + " " + filterName).isEqualTo(TASKS.get(role));
            } else {
                // the department's queue: the tasks the role may work, a part of what it sees
                assertThat(TASKS.get(role)).as(role + " " + filterName).contains(fixture(keys));
            }
        }
    }

    @Test
    void tasklistOpensATaskWithItsFormForItsDepartmentOnly() {
        Task task = driver.task(numbers.get('A'));
        String base = "/camunda/api/engine/engine/default";
        Client fireOfficer = Client.tasklist(port, "fire-officer", DEMO_PASSWORD);
        for (String path : List.of("/task/" + task.getId(), "/task/" + task.getId() + "/deployed-form",
                "/task/" + task.getId() + "/form-variables", "/process-definition/" + task.getProcessDefinitionId() + "/xml")) {
            Client.Response shown = fireOfficer.get(base + path);
            assertThat(shown.status()).as(path + ": " + shown).isEqualTo(200);
        }
        assertThat(fireOfficer.get(base + "/task/" + task.getId() + "/deployed-form").body()).contains("rectificationOutcome");

        Client buildingOfficer = Client.tasklist(port, "building-officer", DEMO_PASSWORD);
        assertThat(buildingOfficer.get(base + "/task/" + task.getId()).status()).isEqualTo(404);
        assertThat(buildingOfficer.get(base + "/task/" + task.getId() + "/form-variables").status()).isIn(403, 404);
    }

    // --- working ----------------------------------------------------------------------------------------------------

    static Stream<Arguments> workCells() {
        List<Arguments> cells = new ArrayList<>();
        for (String role : ROLES) {
            for (Target target : Target.values()) {
                cells.add(Arguments.of(role, target, WORKS.get(role).get(target)));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} claims {1}: {2}")
    @MethodSource("workCells")
    void claimingThroughTheEngineRestApi(String role, Target target, int expected) {
        String number = workable.at(target);
        Snapshot before = snapshot(number);

        Client.Response claim = Client.basic(port, role, DEMO_PASSWORD)
                .post("/engine-rest/task/" + before.task().getId() + "/claim", Map.of("userId", role));

        assertThat(claim.status()).as(role + " claims " + target + ": " + claim).isEqualTo(expected);
        if (expected == 204) {
            assertThat(driver.task(number).getAssignee()).isEqualTo(role);
            TimelineEntry claimed = driver.lastEntry(number);
            assertThat(claimed.action().name()).isEqualTo("CLAIMED");
            assertThat(claimed.actor()).isEqualTo(role);
            assertThat(claimed.details()).containsEntry("assignee", role);
        } else {
            assertUnchanged(number, before);
            if (role.equals("admin")) {
                assertThat(claim.json().path("message").asText()).startsWith("不能认领此任务：用户 admin 不是");
            }
        }
    }

    @ParameterizedTest(name = "{0} completes {1}: {2}")
    @MethodSource("workCells")
    void completingThroughTheEngineRestApi(String role, Target target, int expected) {
        String number = workable.at(target);
        Snapshot before = snapshot(number);

        Client.Response complete = Client.basic(port, role, DEMO_PASSWORD).post(
                "/engine-rest/task/" + before.task().getId() + "/complete",
                Map.of("variables", asVariables(MatrixHazards.answer(target))));

        assertThat(complete.status()).as(role + " completes " + target + ": " + complete).isEqualTo(expected);
        if (expected == 204) {
            assertThat(driver.task(number).getId()).isNotEqualTo(before.task().getId());
            assertThat(driver.lastEntry(number).actor()).isEqualTo(role);
        } else {
            assertUnchanged(number, before);
            if (role.equals("admin")) {
                assertThat(complete.json().path("message").asText()).startsWith("无权办理此步骤：用户 admin 不是");
            }
        }
    }

    static Stream<Arguments> tasklistClaims() {
        return ROLES.stream().map(role -> Arguments.of(role, WORKS.get(role).get(T01_FIRE_RECTIFICATION)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("tasklistClaims")
    void claimingAFireDepartmentTaskInTasklist(String role, int expected) {
        String number = workable.at(T01_FIRE_RECTIFICATION);
        Snapshot before = snapshot(number);
        Client tasklist = Client.tasklist(port, role, DEMO_PASSWORD);

        Client.Response claim = tasklist.post("/camunda/api/engine/engine/default/task/" + before.task().getId() + "/claim",
                Map.of("userId", role));

        assertThat(claim.status()).as(role + ": " + claim).isEqualTo(expected);
        if (expected == 204) {
            assertThat(driver.task(number).getAssignee()).isEqualTo(role);
        } else {
            assertUnchanged(number, before);
        }
    }

    @Test
    void claimingForSomeoneOutsideTheDepartmentIsRefusedWithTheReason() {
        String number = workable.at(T01_FIRE_RECTIFICATION);
        Snapshot before = snapshot(number);

        Client.Response claim = Client.basic(port, "fire-officer", DEMO_PASSWORD)
                .post("/engine-rest/task/" + before.task().getId() + "/claim", Map.of("userId", "building-officer"));

        assertThat(claim.status()).as(claim.toString()).isEqualTo(403);
        assertThat(claim.json().path("message").asText())
                .isEqualTo("不能认领此任务：用户 building-officer 不是长安镇消防工作站的成员，不能办理“隐患整改”（assignee）");
        assertUnchanged(number, before);
    }

    @Test
    void giveBackIsInTheTimelineToo() {
        String number = workable.at(T01_FIRE_RECTIFICATION);
        String taskId = driver.task(number).getId();
        Client fireOfficer = Client.basic(port, "fire-officer", DEMO_PASSWORD);

        assertThat(fireOfficer.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "fire-officer")).status())
                .isEqualTo(204);
        assertThat(fireOfficer.post("/engine-rest/task/" + taskId + "/unclaim", Map.of()).status()).isEqualTo(204);

        List<TimelineEntry> timeline = driver.timeline(number);
        TimelineEntry givenBack = timeline.get(timeline.size() - 1);
        assertThat(givenBack.action().name()).isEqualTo("UNCLAIMED");
        assertThat(givenBack.actor()).isEqualTo("fire-officer");
        assertThat(givenBack.details()).containsEntry("task", "隐患整改").doesNotContainKey("assignee");
        assertThat(driver.task(number).getAssignee()).isNull();
    }

    @Test
    void aTaskIsHandedToAColleagueByClaimingItForThemAndOnceHeldByChangingItsAssignee() {
        String number = workable.at(T01_FIRE_RECTIFICATION);
        String taskId = driver.task(number).getId();
        String colleague = driver.newUser("fire-colleague", "T01-FIRE");
        Client fireOfficer = Client.basic(port, "fire-officer", DEMO_PASSWORD);
        try {
            // unclaimed: handed over by claiming it for the colleague, with the department's own TASK_WORK
            assertThat(fireOfficer.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", colleague)).status())
                    .isEqualTo(204);
            assertThat(driver.task(number).getAssignee()).isEqualTo(colleague);

            // held: the department may now give it to another member (TASK_ASSIGN), and only to a member
            Client.Response toBuilding = fireOfficer.post("/engine-rest/task/" + taskId + "/assignee",
                    Map.of("userId", "building-officer"));
            assertThat(toBuilding.status()).as(toBuilding.toString()).isEqualTo(403);
            assertThat(toBuilding.json().path("message").asText()).startsWith("不能认领此任务");
            Client.Response back = fireOfficer.post("/engine-rest/task/" + taskId + "/assignee",
                    Map.of("userId", "fire-officer"));
            assertThat(back.status()).as(back.toString()).isEqualTo(204);
            assertThat(driver.task(number).getAssignee()).isEqualTo("fire-officer");

            List<TimelineEntry> timeline = driver.timeline(number);
            assertThat(timeline.subList(timeline.size() - 2, timeline.size()))
                    .extracting(entry -> entry.action().name(), TimelineEntry::actor, entry -> entry.details().get("assignee"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("CLAIMED", "fire-officer", colleague),
                            org.assertj.core.groups.Tuple.tuple("CLAIMED", "fire-officer", "fire-officer"));
        } finally {
            driver.removeUsers();
        }
    }

    // --- reporting --------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void eachRoleReportsOnlyInItsGrid(String role) {
        Client client = Client.basic(port, role, DEMO_PASSWORD);
        List<String> villages = List.of(workable.t01Village, workable.t02Village);
        for (int i = 0; i < villages.size(); i++) {
            String reportId = "matrix-report-" + UUID.randomUUID();
            Client.Response reported = client.post("/api/hazards", report(villages.get(i), reportId));
            int expected = REPORTS.get(role).get(i);
            assertThat(reported.status()).as(role + " reports in " + villages.get(i) + ": " + reported).isEqualTo(expected);
            if (expected == 201) {
                assertThat(ledger.find(reported.json().path("number").asText()).orElseThrow().reporter()).isEqualTo(role);
            } else {
                assertThat(reported.json().path("title").asText()).isEqualTo("无权操作");
                assertThat(ledger.findByReportId(reportId)).as("nothing reported").isEmpty();
            }
        }
    }

    @Test
    void aReportIdSomeoneElseUsedIsAConflictThatShowsNothingOfTheirHazard() {
        String reportId = "matrix-taken-" + UUID.randomUUID();
        Client.Response first = Client.basic(port, "supervisor", DEMO_PASSWORD).post("/api/hazards",
                report(workable.t01Village, reportId));
        assertThat(first.status()).isEqualTo(201);

        Client.Response again = Client.basic(port, "inspector", DEMO_PASSWORD).post("/api/hazards",
                report(workable.t01Village, reportId));

        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.body()).doesNotContain(first.json().path("number").asText());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE report_id = :id").param("id", reportId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void reportsFromEveryOtherWayInFollowTheSameRule() {
        String reportId = "matrix-embedded-" + UUID.randomUUID();
        // what the Kafka consumer of hazard.reports calls, with the reporter the message names
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> reporting.report(
                new org.hazardloop.hazard.HazardReport(reportId, "标题", "描述", "FIRE", "位置", workable.t02Village, null),
                "inspector"));

        assertThat(refused).isInstanceOf(org.hazardloop.hazard.HazardAccessDenied.class)
                .hasMessageStartingWith("无权上报该网格的隐患");
        assertThat(ledger.findByReportId(reportId)).isEmpty();
    }

    @Test
    void nobodyStartsTheHazardProcessWithoutAReport() {
        String businessKey = "YH-NOT-REPORTED-" + UUID.randomUUID().toString().substring(0, 8);

        Client.Response started = Client.basic(port, "inspector", DEMO_PASSWORD).post(
                "/engine-rest/process-definition/key/HazardClosedLoopProcess/start", Map.of("businessKey", businessKey));

        assertThat(started.status()).as(started.toString()).isEqualTo(400);
        assertThat(started.json().path("message").asText()).startsWith("隐患只能通过上报登记");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isZero();
    }

    // --- changing what only steps may change ------------------------------------------------------------------------

    @Test
    void nobodyButAnAdministratorChangesProcessVariablesOrInstancesDirectly() {
        String d = numbers.get('D');
        String a = numbers.get('A');
        String instanceOfD = driver.instance(d).getId();
        Map<String, Object> variablesOfD = driver.variables(d);
        Client supervisor = Client.basic(port, "supervisor", DEMO_PASSWORD);
        Client fireOfficer = Client.basic(port, "fire-officer", DEMO_PASSWORD);

        assertThat(supervisor.get("/engine-rest/process-instance/" + instanceOfD + "/variables").status())
                .as("reading is allowed").isEqualTo(200);
        assertThat(supervisor.put("/engine-rest/process-instance/" + instanceOfD + "/variables/grade",
                Map.of("value", "MAJOR", "type", "String")).status()).isEqualTo(403);
        assertThat(supervisor.post("/engine-rest/process-instance/" + instanceOfD + "/variables",
                Map.of("modifications", Map.of("safetyOffice", Map.of("value", "T02-SAFETY")))).status()).isEqualTo(403);
        assertThat(supervisor.post("/engine-rest/task/" + driver.task(d).getId() + "/variables",
                Map.of("modifications", Map.of("gridUnit", Map.of("value", "V02")))).status())
                .as("a task's variables belong to the process").isEqualTo(403);
        assertThat(supervisor.delete("/engine-rest/process-instance/" + instanceOfD).status()).isEqualTo(403);
        assertThat(supervisor.put("/engine-rest/process-instance/" + instanceOfD + "/suspended",
                Map.of("suspended", true)).status()).isEqualTo(403);
        assertThat(fireOfficer.post("/engine-rest/task/" + driver.task(a).getId() + "/variables",
                Map.of("modifications", Map.of("deadline", Map.of("value", "2099-01-01T00:00:00.000+0800", "type", "Date"))))
                .status()).isEqualTo(403);

        assertThat(driver.variables(d)).isEqualTo(variablesOfD);
        assertThat(driver.instance(d).isSuspended()).isFalse();

        Client admin = Client.basic(port, "admin", DEMO_PASSWORD);
        assertThat(admin.get("/engine-rest/process-instance/" + instanceOfD + "/variables").status()).isEqualTo(200);
    }

    @Test
    void theEngineHistoryOfAHazardIsNotReadByThoseWhoMayNotReadTheHazard() {
        String instanceOfB = driver.instance(numbers.get('B')).getId();

        Client.Response history = Client.basic(port, "fire-officer", DEMO_PASSWORD)
                .get("/engine-rest/history/variable-instance?processInstanceId=" + instanceOfB);

        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json()).isEmpty();
        assertThat(Client.basic(port, "admin", DEMO_PASSWORD)
                .get("/engine-rest/history/variable-instance?processInstanceId=" + instanceOfB).json()).isNotEmpty();
    }

    // --- nobody -----------------------------------------------------------------------------------------------------

    @Test
    void nobodyReadsOrDoesAnythingWithoutLoggingIn() {
        Client nobody = Client.anonymous(port);
        String taskOfA = driver.task(numbers.get('A')).getId();
        String reportId = "anonymous-" + UUID.randomUUID();

        for (Client.Response refused : List.of(
                nobody.get("/api/hazards"),
                nobody.get("/api/hazards/" + numbers.get('A')),
                nobody.get("/api/statistics/summary"),
                nobody.get("/api/organization/units"),
                nobody.post("/api/hazards", report(workable.t01Village, reportId)),
                nobody.get("/engine-rest/task"),
                nobody.get("/engine-rest/process-instance"),
                nobody.post("/engine-rest/task/" + taskOfA + "/claim", Map.of("userId", "fire-officer")),
                nobody.get("/actuator/metrics"))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.header("WWW-Authenticate")).startsWith("Basic realm=");
            assertThat(refused.json().path("title").asText()).isEqualTo("需要登录");
            assertThat(refused.json().path("status").asInt()).isEqualTo(401);
        }
        assertThat(ledger.findByReportId(reportId)).isEmpty();
        assertThat(driver.task(numbers.get('A')).getAssignee()).isNull();

        // open to anyone; DOWN (503) is an answer too: the test profile runs without Kafka, so the outbox backs up
        Client.Response health = nobody.get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isIn(200, 503);
        assertThat(health.json().path("status").asText()).isIn("UP", "DOWN");
        assertThat(health.json().has("components")).as("no details for anonymous callers").isFalse();
        assertThat(nobody.get("/v3/api-docs").status()).isEqualTo(200);
        Client.Response loginPage = nobody.get("/camunda/app/tasklist/default/");
        assertThat(loginPage.status()).as("the login page").isEqualTo(200);
        assertThat(loginPage.body()).contains("<html");
        assertThat(nobody.get("/camunda/app/tasklist/styles/user-styles.css").status()).as("a static asset").isEqualTo(200);
        assertThat(nobody.get("/camunda/api/engine/engine/default/task").status()).isEqualTo(401);
        assertThat(nobody.get("/anything-else").status()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsA401AndNamesNeitherUserNorPassword() {
        Client.Response refused = Client.basic(port, "nobody-" + UUID.randomUUID(), "guess").get("/api/hazards");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("title").asText()).isEqualTo("需要登录");
        assertThat(refused.json().path("detail").asText()).isEqualTo("用户名或密码错误，或账户已被临时锁定");
    }

    @Test
    void theActuatorsDetailsAreForAdministrators() {
        assertThat(Client.basic(port, "supervisor", DEMO_PASSWORD).get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(Client.basic(port, "admin", DEMO_PASSWORD).get("/actuator/metrics").status()).isEqualTo(200);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** The fixture letters (A..E) of the hazard numbers in {@code values}, sorted. */
    private String fixture(Iterable<String> values) {
        Set<String> found = new HashSet<>();
        values.forEach(found::add);
        StringBuilder letters = new StringBuilder();
        numbers.forEach((letter, number) -> {
            if (found.contains(number)) {
                letters.append(letter);
            }
        });
        return letters.toString();
    }

    private long total(Client client, String gridUnit) {
        Client.Response summary = client.get("/api/statistics/summary?gridUnit=" + gridUnit);
        assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
        return summary.json().path("total").asLong();
    }

    private static Map<String, Object> report(String gridUnit, String reportId) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("title", "授权测试：配电箱无防护罩");
        report.put("description", "配电箱门缺失，带电部位裸露");
        report.put("sector", "ELECTRICITY");
        report.put("location", "授权测试楼一层");
        report.put("gridUnit", gridUnit);
        report.put("reportId", reportId);
        return report;
    }

    private static Map<String, Object> asVariables(Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return variables;
    }

    record Snapshot(Task task, Hazard hazard, List<TimelineEntry> timeline, Map<String, Object> variables) {
    }

    private Snapshot snapshot(String number) {
        return new Snapshot(driver.task(number), driver.hazard(number), driver.timeline(number), driver.variables(number));
    }

    /** The same task still open and unclaimed, the ledger entry, its timeline and the process variables as before. */
    private void assertUnchanged(String number, Snapshot before) {
        Task task = driver.task(number);
        assertThat(task.getId()).isEqualTo(before.task().getId());
        assertThat(task.getAssignee()).isEqualTo(before.task().getAssignee());
        assertThat(driver.hazard(number)).isEqualTo(before.hazard());
        assertThat(driver.timeline(number)).isEqualTo(before.timeline());
        assertThat(driver.variables(number)).isEqualTo(before.variables());
    }

    /** The hazard numbers of the tasks listed. */
    private List<String> businessKeys(JsonNode tasks) {
        return StreamSupport.stream(tasks.spliterator(), false)
                .map(task -> runtimeService.createProcessInstanceQuery()
                        .processInstanceId(task.path("processInstanceId").asText()).singleResult().getBusinessKey())
                .toList();
    }
}
