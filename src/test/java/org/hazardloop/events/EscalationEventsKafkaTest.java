package org.hazardloop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hazardloop.events.KafkaTopicReader.header;
import static org.hazardloop.events.KafkaTopicReader.json;
import static org.hazardloop.process.HazardProcessDriver.FIRE_OFFICER;
import static org.hazardloop.process.HazardProcessDriver.INSPECTOR;
import static org.hazardloop.process.HazardProcessDriver.SUPERVISOR;
import static org.hazardloop.process.HazardProcessDriver.assignment;
import static org.hazardloop.process.HazardProcessDriver.decision;
import static org.hazardloop.process.HazardProcessDriver.extensionRequest;
import static org.hazardloop.process.HazardProcessDriver.submission;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Job;
import org.hazardloop.hazard.Hazard;
import org.hazardloop.hazard.HazardReport;
import org.hazardloop.hazard.HazardReporting;
import org.hazardloop.hazard.HazardStatus;
import org.hazardloop.hazard.TimelineAction;
import org.hazardloop.hazard.TimelineEntry;
import org.hazardloop.organization.OrgLevel;
import org.hazardloop.organization.OrganizationWriter;
import org.hazardloop.process.HazardProcessDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Deadlines that escalate up the grid, driven by the process's own timers with short real deadlines (seconds) and
 * read back from Kafka as the departments and offices would receive them. Each hazard belongs to the responsible
 * department T01-FIRE, so its grid above is T01-SAFETY (town) → D01-SAFETY (district) → C01-SAFETY (city).
 *
 * <p>The job executor runs with the application's own settings; a timer firing up to {@link #LATE} after its due
 * time counts as "within seconds". The tests spend their time waiting for timers, each on a hazard and a village of
 * its own, so they run side by side (the class itself runs alone, as every class does).
 */
@EmbeddedKafkaEventsTest
@AutoConfigureMockMvc
@TestPropertySource(properties = {
        "hazardloop.escalation.reminder-lead-time=4s",
        "hazardloop.escalation.interval.general=3s",
        "hazardloop.escalation.interval.major=5s",
        "hazardloop.escalation.verification-period=3s"})
class EscalationEventsKafkaTest {

    private static final Duration LEAD_TIME = Duration.ofSeconds(4);
    private static final Duration INTERVAL = Duration.ofSeconds(3);
    /** A major hazard's interval: the tests that act between two escalations take the longer one, for a margin. */
    private static final Duration MAJOR_INTERVAL = Duration.ofSeconds(5);
    private static final Duration LATE = Duration.ofSeconds(5);
    private static final Duration DELIVERY = Duration.ofSeconds(40);
    private static final List<String> RECTIFY_TIMERS = List.of("BoundaryEvent_RectifyDeadlineApproaching",
            "BoundaryEvent_RectifyDeadlineMissed", "BoundaryEvent_RectifyStillOverdue");

    @Autowired
    HazardProcessDriver driver;
    @Autowired
    HazardReporting reporting;
    @Autowired
    OrganizationWriter organization;
    @Autowired
    ManagementService management;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    EventsProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper objectMapper;

    TopicRecorder escalations;
    /** A village of this test's own under T01, so the ledger's lists and figures of it are this test's hazards. */
    String village;

    @BeforeEach
    void setUp() {
        escalations = new TopicRecorder(broker.getBrokersAsString(), properties.topics().escalations());
        village = "EV" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        organization.addUnit(village, "逾期督办测试社区" + village, OrgLevel.VILLAGE, "T01");
    }

    @AfterEach
    void stopReading() throws InterruptedException {
        escalations.close();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void anOverdueHazardClimbsTheGridLevelByLevelToTheTopAndThenNothingMore() throws Exception {
        String number = report("商业街消防通道堵塞");
        Instant deadline = assign(number, "GENERAL", Duration.ofSeconds(6));

        List<ConsumerRecord<String, byte[]>> events = awaitEvents(number, 5);

        assertThat(events).extracting(event -> header(event, "ce_id")).containsExactly(
                number + "/rectification/1/hazard.deadline-approaching/0",
                number + "/rectification/1/hazard.overdue/0",
                number + "/rectification/1/hazard.escalated/1",
                number + "/rectification/1/hazard.escalated/2",
                number + "/rectification/1/hazard.escalated/3");
        assertThat(events).extracting(ConsumerRecord::key)
                .containsExactly("T01-FIRE", "T01-FIRE", "T01-SAFETY", "D01-SAFETY", "C01-SAFETY");
        assertThat(events).allSatisfy(event -> {
            assertThat(header(event, "ce_subject")).as("subject = key").isEqualTo(event.key());
            assertThat(header(event, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(event, "ce_source")).isEqualTo("/hazard-loop");
            assertThat(header(event, "content-type")).isEqualTo("application/json");
            assertThat(json(event).path("targetDepartment").asText()).isEqualTo(event.key());
        });
        assertThat(events).extracting(event -> json(event).path("targetGridLevel").asText())
                .containsExactly("TOWN", "TOWN", "TOWN", "DISTRICT", "CITY");

        // each fired on time: the reminder the lead time before the deadline, the overdue notice at it, each
        // escalation one interval after the previous one
        assertFiredAt(events.get(0), deadline.minus(LEAD_TIME));
        assertFiredAt(events.get(1), deadline);
        assertFiredAt(events.get(2), deadline.plus(INTERVAL));
        assertFiredAt(events.get(3), deadline.plus(INTERVAL.multipliedBy(2)));
        assertFiredAt(events.get(4), deadline.plus(INTERVAL.multipliedBy(3)));

        JsonNode reminder = json(events.get(0));
        assertThat(reminder.path("escalationLevel").asInt()).isZero();
        assertThat(reminder.has("overdueSince")).as("a reminder is not overdue").isFalse();
        JsonNode district = json(events.get(3));
        assertThat(district.path("hazardNumber").asText()).isEqualTo(number);
        assertThat(district.path("stage").asText()).isEqualTo("RECTIFICATION");
        assertThat(district.path("title").asText()).isEqualTo("商业街消防通道堵塞");
        assertThat(district.path("sector").asText()).isEqualTo("FIRE");
        assertThat(district.path("gridUnit").asText()).isEqualTo(village);
        assertThat(district.path("safetyOffice").asText()).isEqualTo("T01-SAFETY");
        assertThat(district.path("grade").asText()).isEqualTo("GENERAL");
        assertThat(district.path("riskLevel").asText()).isEqualTo("ORANGE");
        assertThat(district.path("status").asText()).isEqualTo("RECTIFYING");
        assertThat(district.path("responsibleDepartment").asText()).isEqualTo("T01-FIRE");
        assertThat(district.path("responsiblePerson").asText()).isEqualTo(FIRE_OFFICER);
        assertThat(instant(district, "deadline")).isEqualTo(deadline);
        assertThat(instant(district, "overdueSince")).isEqualTo(deadline);
        assertThat(district.path("deadlineVersion").asInt()).isEqualTo(1);
        assertThat(district.path("escalationLevel").asInt()).isEqualTo(2);
        assertThat(district.path("targetDepartment").asText()).isEqualTo("D01-SAFETY");
        assertThat(district.path("targetUnit").asText()).isEqualTo("D01");
        assertThat(instant(district, "occurredAt")).isEqualTo(OffsetDateTime.parse(header(events.get(3), "ce_time")).toInstant());
        assertThat(district.path("link").asText()).isEqualTo("http://localhost:8080/api/hazards/" + number);
        CloudEvent cloudEvent = KafkaMessageFactory.createReader(events.get(4)).toEvent();
        assertThat(cloudEvent.getType()).isEqualTo("hazard.escalated");
        assertThat(cloudEvent.getSubject()).isEqualTo("C01-SAFETY");

        // At the top of the grid the cycle has run out: nothing more comes, and no timer of the task is left,
        // although the hazard is still overdue and the task still open.
        await().during(INTERVAL.plusSeconds(2)).atMost(INTERVAL.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> escalationEvents(number).size() == 5);
        RECTIFY_TIMERS.forEach(timer -> assertThat(timerJobs(number, timer)).as(timer).isZero());
        assertThat(driver.task(number).getTaskDefinitionKey()).isEqualTo("Task_RectifyHazard");

        // The ledger: overdue since the deadline, escalated to the city; the timeline has each notice, by "system".
        JsonNode hazard = api("/api/hazards/" + number);
        assertThat(hazard.path("overdue").asBoolean()).isTrue();
        assertThat(instant(hazard, "overdueSince")).isEqualTo(deadline);
        assertThat(hazard.path("escalationLevel").asInt()).isEqualTo(3);
        assertThat(hazard.path("escalationTarget").asText()).isEqualTo("C01-SAFETY");
        assertThat(hazard.path("deadlineVersion").asInt()).isEqualTo(1);
        List<JsonNode> notices = driver.timeline(number).stream().filter(entry -> entry.actor().equals("system"))
                .map(entry -> objectMapper.valueToTree(entry.details())).map(JsonNode.class::cast).toList();
        assertThat(notices).extracting(details -> details.path("targetDepartment").asText())
                .containsExactly("T01-FIRE", "T01-FIRE", "T01-SAFETY", "D01-SAFETY", "C01-SAFETY");
        JsonNode timeline = hazard.path("timeline");
        assertThat(timeline.get(timeline.size() - 1).path("actionName").asText()).isEqualTo("逾期升级督办");
        assertThat(timeline.get(timeline.size() - 1).path("details").path("escalationLevel").asInt()).isEqualTo(3);

        // Lists filter on it, and the figures count it overdue as the list does.
        assertThat(numbers("/api/hazards?gridUnit=" + village + "&overdue=true&minEscalationLevel=3")).containsExactly(number);
        assertThat(numbers("/api/hazards?gridUnit=" + village + "&minEscalationLevel=4")).isEmpty();
        assertThat(numbers("/api/hazards?gridUnit=" + village + "&escalationTarget=C01-SAFETY")).containsExactly(number);
        assertThat(numbers("/api/hazards?gridUnit=" + village + "&escalationTarget=D01-SAFETY")).isEmpty();
        JsonNode item = api("/api/hazards?gridUnit=" + village).path("items").get(0);
        assertThat(item.path("escalationLevel").asInt()).isEqualTo(3);
        assertThat(instant(item, "overdueSince")).isEqualTo(deadline);
        assertThat(api("/api/statistics/summary?gridUnit=" + village).path("overdue").asLong()).isEqualTo(1);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void submittingTheRectificationStopsTheEscalationAndLeavesNoRectificationTimer() {
        String number = report("配电箱无防护罩");
        Instant deadline = assign(number, "MAJOR", Duration.ofSeconds(3));
        await().atMost(DELIVERY).until(() -> driver.hazard(number).escalationLevel() != null);

        complete(FIRE_OFFICER, number, submission("已加装防护罩", "800"));

        RECTIFY_TIMERS.forEach(timer -> assertThat(timerJobs(number, timer)).as(timer).isZero());
        assertThat(timerJobs(number, "BoundaryEvent_VerifyDeadlineMissed")).as("verification has its own deadline").isEqualTo(1);
        // The first escalation would have been due one interval after the deadline: well past it, none came.
        Instant wellPastTheNextEscalation = deadline.plus(MAJOR_INTERVAL).plusSeconds(3);
        Duration wait = Duration.between(Instant.now(), wellPastTheNextEscalation);
        await().during(wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait).atMost(MAJOR_INTERVAL.plusSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> rectificationEventIds(number).stream().noneMatch(id -> id.contains("/hazard.escalated/"))
                        && driver.hazard(number).escalationLevel() == 0);
        assertThat(rectificationEventIds(number)).contains(number + "/rectification/1/hazard.overdue/0")
                .noneMatch(id -> id.contains("/hazard.escalated/"));
        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.VERIFYING);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aSlippedVerificationDeadlineIsEscalatedToTheSafetyOfficeAboveAndClosingLeavesNoTimer() {
        String number = report("加油站静电接地线断裂");
        assign(number, "GENERAL", Duration.ofHours(1));
        complete(FIRE_OFFICER, number, submission("已重新敷设接地线", "300"));
        Instant verificationDeadline = driver.hazard(number).verificationDeadline().toInstant();
        String pid = driver.instance(number).getId();

        ConsumerRecord<String, byte[]> event = awaitEvent(number + "/verification/1/hazard.escalated/1");

        assertThat(event.key()).isEqualTo("D01-SAFETY");
        assertThat(header(event, "ce_type")).isEqualTo("hazard.escalated");
        assertThat(header(event, "ce_subject")).isEqualTo("D01-SAFETY");
        assertFiredAt(event, verificationDeadline);
        JsonNode data = json(event);
        assertThat(data.path("stage").asText()).isEqualTo("VERIFICATION");
        assertThat(data.path("status").asText()).isEqualTo("VERIFYING");
        assertThat(instant(data, "deadline")).isEqualTo(verificationDeadline);
        assertThat(instant(data, "overdueSince")).isEqualTo(verificationDeadline);
        assertThat(data.path("deadlineVersion").asInt()).isEqualTo(1);
        assertThat(data.path("escalationLevel").asInt()).isEqualTo(1);
        assertThat(data.path("targetUnit").asText()).isEqualTo("D01");
        assertThat(data.path("targetGridLevel").asText()).isEqualTo("DISTRICT");
        assertThat(data.path("safetyOffice").asText()).isEqualTo("T01-SAFETY");
        TimelineEntry entry = driver.lastEntry(number);
        assertThat(entry.action()).isEqualTo(TimelineAction.ESCALATED);
        assertThat(entry.actor()).isEqualTo("system");
        assertThat(entry.details()).containsEntry("stage", "VERIFICATION").containsEntry("targetDepartment", "D01-SAFETY");
        assertThat(driver.hazard(number).escalationLevel()).as("the rectification deadline was kept").isNull();

        complete(SUPERVISOR, number, decision("verificationPassed", true, "verificationComment", "接地电阻合格"));

        assertThat(driver.hazard(number).status()).isEqualTo(HazardStatus.CLOSED);
        assertThat(management.createJobQuery().processInstanceId(pid).count()).as("no timer outlives the hazard").isZero();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void anApprovedExtensionStartsANewDeadlineWhoseEscalationBeginsAgainFromTheDepartment() {
        String number = report("危化品仓库超量储存");
        assign(number, "MAJOR", Duration.ofSeconds(5));
        await().atMost(DELIVERY).until(() -> Integer.valueOf(1).equals(driver.hazard(number).escalationLevel()));

        OffsetDateTime newDeadline = OffsetDateTime.now(HazardProcessDriver.BEIJING).plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
        complete(FIRE_OFFICER, number, extensionRequest(newDeadline));
        RECTIFY_TIMERS.forEach(timer -> assertThat(timerJobs(number, timer)).as(timer).isZero());
        complete(SUPERVISOR, number, decision("extensionApproved", true, "extensionReviewComment", "同意，落实临时管控"));

        Hazard extended = driver.hazard(number);
        assertThat(extended.deadline().toInstant()).isEqualTo(newDeadline.toInstant());
        assertThat(extended.deadlineVersion()).isEqualTo(2);
        assertThat(extended.escalationLevel()).as("the new deadline starts from the department").isNull();
        assertThat(extended.escalationTarget()).isNull();

        ConsumerRecord<String, byte[]> firstOfTheNewRound = awaitEvent(number + "/rectification/2/hazard.escalated/1");

        assertThat(firstOfTheNewRound.key()).isEqualTo("T01-SAFETY");
        assertThat(instant(json(firstOfTheNewRound), "deadline")).isEqualTo(newDeadline.toInstant());
        assertThat(json(firstOfTheNewRound).path("deadlineVersion").asInt()).isEqualTo(2);
        assertFiredAt(firstOfTheNewRound, newDeadline.toInstant().plus(MAJOR_INTERVAL));
        // Events of different keys (the department's, each office's) arrive in no particular order between them.
        List<String> bothRounds = List.of(
                number + "/rectification/1/hazard.deadline-approaching/0",
                number + "/rectification/1/hazard.overdue/0",
                number + "/rectification/1/hazard.escalated/1",
                number + "/rectification/2/hazard.deadline-approaching/0",
                number + "/rectification/2/hazard.overdue/0",
                number + "/rectification/2/hazard.escalated/1");
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> rectificationEventIds(number).containsAll(bothRounds));
        assertThat(rectificationEventIds(number)).containsExactlyInAnyOrderElementsOf(bothRounds);
        assertThat(driver.timeline(number)).filteredOn(entry -> entry.action() == TimelineAction.ESCALATED)
                .extracting(entry -> entry.details().get("deadlineVersion") + "/" + entry.details().get("escalationLevel"))
                .as("the first deadline never got past level 1").containsExactly("1/1", "2/1");
        assertThat(driver.hazard(number).escalationLevel()).isEqualTo(1);

        complete(FIRE_OFFICER, number, submission("超量物料已转运", "1200"));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aTimerJobWhoseTransactionFailsPublishesNothingAndLeavesTheLevelAsItWas() {
        String number = report("有限空间作业未通风检测");
        assign(number, "GENERAL", Duration.ofSeconds(3));
        String firstEscalation = number + "/rectification/1/hazard.escalated/1";

        // The first escalation's transaction will fail at its very end, when it writes the event to the outbox: a
        // row with the same event id is there already (marked sent, so the relay leaves it alone).
        plantOutboxRow(firstEscalation);
        await().atMost(DELIVERY).until(() -> failedEscalationJob(number) != null);
        assertThat(failedEscalationJob(number).getExceptionMessage()).as("it failed writing the event").contains("hl_outbox");

        Hazard afterFailure = driver.hazard(number);
        assertThat(afterFailure.escalationLevel()).isZero();
        assertThat(afterFailure.escalationTarget()).isEqualTo("T01-FIRE");
        assertThat(driver.timeline(number)).extracting(TimelineEntry::action).doesNotContain(TimelineAction.ESCALATED);
        assertThat(jdbc.sql("SELECT payload FROM hl_outbox WHERE event_id = :id").param("id", firstEscalation)
                .query(String.class).list()).containsExactly("{\"planted\":true}");
        assertThat(escalationEvents(number)).extracting(event -> header(event, "ce_id")).doesNotContain(firstEscalation);

        // The cause gone, the failed job runs again and the escalation is published, once.
        jdbc.sql("DELETE FROM hl_outbox WHERE event_id = :id").param("id", firstEscalation).update();
        retryingOnConflict(() -> management.executeJob(failedEscalationJob(number).getId()));

        ConsumerRecord<String, byte[]> published = awaitEvent(firstEscalation);
        assertThat(published.key()).isEqualTo("T01-SAFETY");
        assertThat(escalationEvents(number)).extracting(event -> header(event, "ce_id")).containsOnlyOnce(firstEscalation);
        assertThat(driver.hazard(number).escalationLevel()).isGreaterThanOrEqualTo(1);

        complete(FIRE_OFFICER, number, submission("已通风并检测合格", "200"));
    }

    // --- helpers ---

    /**
     * Completes the hazard's task as Tasklist would. A completion at the very moment one of the task's timers fires
     * is refused as a conflict (the timer changed the task's execution), and the user tries again: so does this.
     */
    private void complete(String user, String number, Map<String, ?> values) {
        retryingOnConflict(() -> driver.complete(user, number, values));
    }

    private static void retryingOnConflict(Runnable command) {
        for (int attempt = 1; ; attempt++) {
            try {
                command.run();
                return;
            } catch (RuntimeException e) {
                if (attempt == 5 || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockingException) {
                return true;
            }
        }
        return false;
    }

    private String report(String title) {
        return reporting.report(new HazardReport("escalation-test-" + UUID.randomUUID(), title, "现场检查发现的隐患",
                "FIRE", "长安镇" + village + " 12 号", village, null), INSPECTOR).number();
    }

    /** Assigns the hazard to T01-FIRE, due {@code in} from now; returns the deadline. */
    private Instant assign(String number, String grade, Duration in) {
        OffsetDateTime deadline = OffsetDateTime.now(HazardProcessDriver.BEIJING).plus(in).truncatedTo(ChronoUnit.MILLIS);
        complete(SUPERVISOR, number, assignment(grade, deadline));
        return deadline.toInstant();
    }

    private static void assertFiredAt(ConsumerRecord<String, byte[]> event, Instant due) {
        Instant fired = OffsetDateTime.parse(header(event, "ce_time")).toInstant();
        assertThat(fired).as(header(event, "ce_id") + " fired").isBetween(due, due.plus(LATE));
    }

    /** The hazard's events on hazard.escalations (whatever their key), in the order they were recorded. */
    private List<ConsumerRecord<String, byte[]>> escalationEvents(String number) {
        return escalations.records(event -> header(event, "ce_id").startsWith(number + "/"))
                .stream()
                .sorted(Comparator.comparing((ConsumerRecord<String, byte[]> event) -> OffsetDateTime.parse(header(event, "ce_time")).toInstant()))
                .toList();
    }

    private List<String> rectificationEventIds(String number) {
        return escalationEvents(number).stream().map(event -> header(event, "ce_id"))
                .filter(id -> id.startsWith(number + "/rectification/")).toList();
    }

    private List<ConsumerRecord<String, byte[]>> awaitEvents(String number, int count) {
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(200)).until(() -> escalationEvents(number).size() >= count);
        List<ConsumerRecord<String, byte[]>> events = escalationEvents(number);
        assertThat(events).hasSize(count);
        return events;
    }

    private ConsumerRecord<String, byte[]> awaitEvent(String id) {
        String number = id.substring(0, id.indexOf('/'));
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> escalationEvents(number).stream().anyMatch(event -> id.equals(header(event, "ce_id"))));
        return escalationEvents(number).stream().filter(event -> id.equals(header(event, "ce_id"))).findFirst().orElseThrow();
    }

    private long timerJobs(String number, String boundaryEvent) {
        return management.createJobQuery().processInstanceId(driver.instance(number).getId()).activityId(boundaryEvent).count();
    }

    private Job failedEscalationJob(String number) {
        return management.createJobQuery().processInstanceId(driver.instance(number).getId())
                .activityId("BoundaryEvent_RectifyStillOverdue").withException().list().stream().findFirst().orElse(null);
    }

    private void plantOutboxRow(String eventId) {
        jdbc.sql("""
                INSERT INTO hl_outbox (topic, message_key, event_id, event_type, event_source, payload, created_at, sent_at)
                VALUES (:topic, 'test', :eventId, 'hazard.escalated', '/test', '{"planted":true}', :now, :now)""")
                .param("topic", properties.topics().escalations()).param("eventId", eventId)
                .param("now", OffsetDateTime.now()).update();
    }

    /** The application API as the town's safety office, which reads every hazard of its grid. */
    private JsonNode api(String path) throws Exception {
        String supervisor = java.util.Base64.getEncoder()
                .encodeToString("supervisor:demo".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return objectMapper.readTree(mvc.perform(get(path).header("Authorization", "Basic " + supervisor))
                .andReturn().getResponse().getContentAsByteArray());
    }

    private List<String> numbers(String path) throws Exception {
        return api(path).path("items").findValuesAsText("number");
    }

    private static Instant instant(JsonNode node, String field) {
        return OffsetDateTime.parse(node.path(field).asText()).toInstant();
    }
}
