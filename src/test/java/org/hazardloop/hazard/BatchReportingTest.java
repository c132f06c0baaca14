package org.hazardloop.hazard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.hazardloop.hazard.HazardReporting.Submission;
import org.hazardloop.process.HazardProcessDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A batch of reports (a poll from {@code hazard.reports}) against PostgreSQL: each new report is a hazard of its
 * own with its timeline entry, its {@code hazard.reported} event in the outbox and its running process, linked to the
 * ledger; the answers come in the order of the reports; a report repeated within the batch or from an earlier one
 * starts nothing; and one invalid or refused report leaves nothing of the batch behind.
 */
@SpringBootTest
@ActiveProfiles("test")
class BatchReportingTest {

    @Autowired
    private HazardReporting reporting;
    @Autowired
    private HazardLedger ledger;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private TaskService tasks;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void eachNewReportOfABatchStartsItsHazardAndARepeatedOneStartsNothing() {
        String marker = "batch-" + UUID.randomUUID();
        HazardReport earlier = report(marker + "-earlier", "V01");
        ReportedHazard before = reporting.report(earlier, HazardProcessDriver.INSPECTOR);

        List<Submission> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(new Submission(report(marker + "-" + i, i % 2 == 0 ? "V01" : "T01"), HazardProcessDriver.INSPECTOR));
        }
        batch.add(2, new Submission(report(marker + "-1", "T01"), HazardProcessDriver.INSPECTOR));
        batch.add(new Submission(earlier, HazardProcessDriver.INSPECTOR));

        List<ReportedHazard> answers = reporting.reportAll(batch);

        assertThat(answers).hasSize(7);
        assertThat(answers).extracting(ReportedHazard::created)
                .containsExactly(true, true, false, true, true, true, false);
        assertThat(answers.get(2).number()).as("the repeat within the batch").isEqualTo(answers.get(1).number());
        assertThat(answers.get(2).processInstanceId()).isEqualTo(answers.get(1).processInstanceId());
        assertThat(answers.get(6).number()).as("the repeat of an earlier report").isEqualTo(before.number());
        List<ReportedHazard> created = answers.stream().filter(ReportedHazard::created).toList();
        assertThat(created).extracting(ReportedHazard::number).doesNotHaveDuplicates();
        for (int i = 0; i < created.size(); i++) {
            ReportedHazard answer = created.get(i);
            Hazard hazard = ledger.find(answer.number()).orElseThrow();
            assertThat(hazard.reportId()).isEqualTo(marker + "-" + i);
            assertThat(hazard.gridUnit()).isEqualTo(i % 2 == 0 ? "V01" : "T01");
            assertThat(hazard.processInstanceId()).isEqualTo(answer.processInstanceId()).isNotNull();
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(answer.processInstanceId())
                    .processInstanceBusinessKey(answer.number()).count()).isEqualTo(1);
            Task task = tasks.createTaskQuery().processInstanceId(answer.processInstanceId()).singleResult();
            assertThat(task.getName()).isEqualTo("隐患交办：" + answer.number() + " 楼道堆放杂物 " + i);
            assertThat(ledger.timeline(answer.number())).extracting(TimelineEntry::action)
                    .containsExactly(TimelineAction.REPORTED);
            assertThat(outboxEvents(answer.number())).containsExactly(answer.number() + "/1/hazard.reported");
        }
        assertThat(count(marker)).isEqualTo(6);
    }

    @Test
    void anInvalidReportLeavesNothingOfItsBatch() {
        String marker = "batch-" + UUID.randomUUID();
        List<Submission> batch = aValidReportAnd(marker, "NO-SUCH-UNIT", HazardProcessDriver.INSPECTOR);
        long processes = runtime.createProcessInstanceQuery().count();

        assertThatThrownBy(() -> reporting.reportAll(batch)).isInstanceOf(HazardRuleViolation.class)
                .hasMessageContaining("无效");
        assertThat(count(marker)).isZero();
        assertThat(runtime.createProcessInstanceQuery().count()).as("no process started for the valid report either")
                .isEqualTo(processes);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hl_outbox WHERE payload LIKE :like").param("like", "%" + marker + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aReportIdRepeatedInTheBatchBySomeoneElseIsRefusedAndNothingIsStored() {
        String marker = "batch-" + UUID.randomUUID();
        List<Submission> batch = List.of(
                new Submission(report(marker, "V01"), HazardProcessDriver.INSPECTOR),
                new Submission(report(marker, "V01"), HazardProcessDriver.SUPERVISOR));

        assertThatThrownBy(() -> reporting.reportAll(batch)).isInstanceOf(ReportIdTaken.class);
        assertThat(count(marker)).isZero();
    }

    @Test
    void aReporterWithoutAPlaceInTheUnitFailsTheBatch() {
        String marker = "batch-" + UUID.randomUUID();
        List<Submission> batch = aValidReportAnd(marker, "V01", HazardProcessDriver.FIRE_OFFICER);

        assertThatThrownBy(() -> reporting.reportAll(batch)).isInstanceOf(HazardAccessDenied.class);
        assertThat(count(marker)).isZero();
    }

    /** A valid report of the inspector's, then one from {@code reporter} on {@code unit}. */
    private static List<Submission> aValidReportAnd(String marker, String unit, String reporter) {
        return List.of(new Submission(report(marker + "-0", "V01"), HazardProcessDriver.INSPECTOR),
                new Submission(report(marker + "-1", unit), reporter));
    }

    private long count(String marker) {
        return jdbc.sql("SELECT COUNT(*) FROM hl_hazard WHERE report_id LIKE :like").param("like", marker + "%")
                .query(Long.class).single();
    }

    private List<String> outboxEvents(String number) {
        return jdbc.sql("SELECT event_id FROM hl_outbox WHERE hazard_number = :number ORDER BY id")
                .param("number", number).query(String.class).list();
    }

    private static HazardReport report(String reportId, String unit) {
        String suffix = reportId.substring(reportId.lastIndexOf('-') + 1);
        return new HazardReport(reportId, "楼道堆放杂物 " + suffix, "堵塞疏散通道", "FIRE", "2 号楼", unit, null);
    }
}
