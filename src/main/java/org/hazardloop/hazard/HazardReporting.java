package org.hazardloop.hazard;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.hazardloop.organization.Department;
import org.hazardloop.organization.OrgUnit;
import org.hazardloop.organization.OrganizationDirectory;
import org.hazardloop.process.HazardContext;
import org.hazardloop.process.ProcessVariables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 发现/上报: stores a reported hazard in the ledger and starts its closed loop, in one transaction.
 * Reports are never lost and never doubled: a repeated {@code reportId} returns the hazard it started.
 */
@Service
public class HazardReporting {

    private final HazardLedger ledger;
    private final HazardNumbers numbers;
    private final OrganizationDirectory organization;
    private final RuntimeService runtimeService;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final HazardLoopProperties properties;
    private final ApplicationEventPublisher events;
    private final HazardAccess access;

    public HazardReporting(HazardLedger ledger, HazardNumbers numbers, OrganizationDirectory organization,
                           RuntimeService runtimeService, TransactionTemplate transaction, Clock clock,
                           HazardLoopProperties properties, ApplicationEventPublisher events, HazardAccess access) {
        this.ledger = ledger;
        this.numbers = numbers;
        this.organization = organization;
        this.runtimeService = runtimeService;
        this.transaction = transaction;
        this.clock = clock;
        this.properties = properties;
        this.events = events;
        this.access = access;
    }

    /** A report and the user it comes from: one of a batch ({@link #reportAll}). */
    public record Submission(HazardReport report, String reporter) {
    }

    /**
     * Reports a hazard as {@code reporter}, who must be a grid inspector or safety office member of the grid unit
     * or a unit above it ({@link HazardAccess}).
     */
    public ReportedHazard report(HazardReport report, String reporter) {
        try {
            return reportAll(List.of(new Submission(report, reporter))).get(0);
        } catch (DuplicateKeyException concurrentSameReport) {
            // Another request with the same reportId committed between our check and our insert.
            return ledger.findByReportId(reportId(report)).map(hazard -> repeated(hazard, reporter))
                    .orElseThrow(() -> concurrentSameReport);
        }
    }

    /**
     * Reports a batch of hazards in one transaction (the caller's, or one of its own): all of them are stored or
     * none, and the answers come in the order of the submissions. Each is checked as {@link #report} checks one, and
     * the first that is invalid or refused fails the batch. A report whose {@code reportId} the ledger holds, or an
     * earlier report of the same batch has, starts nothing and is answered with that hazard. The reports of a
     * batch are written with a statement per table rather than per report, their grid and reporters looked up once:
     * a poll of reports from Kafka takes the database about half the round trips (docs/performance.md).
     */
    public List<ReportedHazard> reportAll(List<Submission> submissions) {
        return transaction.execute(status -> store(submissions));
    }

    private List<ReportedHazard> store(List<Submission> submissions) {
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(properties.zone()));
        Map<String, Hazard> known = ledger.findByReportIds(submissions.stream()
                .map(submission -> reportId(submission.report())).filter(Objects::nonNull).distinct().toList());
        Reporters reporters = new Reporters();
        Map<String, NewHazard> startedByReportId = new HashMap<>();
        List<Fresh> fresh = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        for (Submission submission : submissions) {
            String reportId = reportId(submission.report());
            Hazard existing = reportId == null ? null : known.get(reportId);
            NewHazard earlier = reportId == null ? null : startedByReportId.get(reportId);
            if (existing != null) {
                answers.add(new Answer(existing.number(), repeated(existing, submission.reporter())));
            } else if (earlier != null) {
                requireSameReporter(earlier.reporter(), submission.reporter(), reportId);
                answers.add(new Answer(earlier.number(), null));
            } else {
                Fresh hazard = newHazard(submission, reportId, now, reporters);
                fresh.add(hazard);
                answers.add(new Answer(hazard.hazard().number(), null));
                if (reportId != null) {
                    startedByReportId.put(reportId, hazard.hazard());
                }
            }
        }
        Map<String, String> instances = start(fresh, now);
        Set<String> answered = new HashSet<>();
        return answers.stream().map(answer -> answer.repeated() != null ? answer.repeated()
                : new ReportedHazard(answer.number(), HazardStatus.REPORTED, instances.get(answer.number()),
                        answered.add(answer.number()))).toList();
    }

    /** Writes the new hazards' entries and starts their processes; returns each one's process instance id. */
    private Map<String, String> start(List<Fresh> fresh, OffsetDateTime now) {
        ledger.insertAll(fresh.stream().map(Fresh::hazard).toList());
        ledger.appendTimeline(fresh.stream().map(entry -> new NewTimelineEntry(entry.hazard().number(), now,
                entry.hazard().reporter(), TimelineAction.REPORTED, HazardStatus.REPORTED, entry.details())).toList());
        // Read back in one query: the events, the process's start guard and its first task's listeners find them so.
        Map<String, Hazard> stored = ledger.findAll(fresh.stream().map(entry -> entry.hazard().number()).toList());
        Map<String, String> instances = new LinkedHashMap<>();
        for (Fresh entry : fresh) {
            String number = entry.hazard().number();
            events.publishEvent(new HazardStepRecorded(number, TimelineAction.REPORTED, HazardStatus.REPORTED,
                    entry.hazard().reporter(), now, entry.details()));
            Hazard hazard = Optional.ofNullable(stored.get(number)).orElseThrow(() -> new HazardNotFound(number));
            // The process's context variables are the projection of the entry just written, as after every step.
            ProcessInstance instance = runtimeService.createProcessInstanceByKey(ProcessVariables.PROCESS_KEY)
                    .businessKey(number)
                    .setVariables(HazardContext.of(hazard).variables())
                    .execute();
            instances.put(number, instance.getId());
        }
        ledger.linkProcessInstances(instances);
        return instances;
    }

    private Fresh newHazard(Submission submission, String reportId, OffsetDateTime now, Reporters reporters) {
        String reporter = submission.reporter();
        ValidReport valid = validate(submission.report(), reporter, now, reporters);
        String number = numbers.next(Year.from(now));
        NewHazard hazard = new NewHazard(number, reportId, valid.title(), valid.description(), valid.sector(),
                valid.location(), valid.unit().code(), valid.unit().path(), valid.safetyOffice().code(),
                supervisingOffice(valid.safetyOffice()), reporter, valid.discoveredAt(), now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("title", valid.title());
        details.put("description", valid.description());
        details.put("sector", valid.sector().name());
        details.put("location", valid.location());
        details.put("gridUnit", valid.unit().code());
        details.put("discoveredAt", valid.discoveredAt().toString());
        if (reportId != null) {
            details.put("reportId", reportId);
        }
        return new Fresh(hazard, details);
    }

    /** A hazard of the batch to store, and the values of its report for the timeline and the event. */
    private record Fresh(NewHazard hazard, Map<String, Object> details) {
    }

    /** A submission's answer: the hazard it started or repeats, or the answer for a hazard stored before. */
    private record Answer(String number, ReportedHazard repeated) {
    }

    /**
     * The reporters' departments as one batch has looked them up: a poll's reports come from a few reporters. Not
     * kept beyond the batch, so that a membership changed since is seen by the next one. (The grid's safety offices
     * the directory itself reads once a transaction.)
     */
    private final class Reporters {
        private final Map<String, List<Department>> departments = new HashMap<>();

        List<Department> departmentsOf(String reporter) {
            return departments.computeIfAbsent(reporter, access::reportingDepartments);
        }
    }

    /**
     * 挂牌督办: the safety office one level up lists a major hazard and approves its close-out; at the top of the
     * grid there is none above, and the hazard's own safety office does it.
     */
    private String supervisingOffice(Department safetyOffice) {
        return organization.supervisingSafetyOffice(safetyOffice.code()).map(Department::code).orElse(safetyOffice.code());
    }

    private record ValidReport(String title, String description, Sector sector, String location, OrgUnit unit,
                               Department safetyOffice, OffsetDateTime discoveredAt) {
    }

    /** The rules for a report, the same for the REST API and every other way in. */
    private ValidReport validate(HazardReport report, String reporter, OffsetDateTime now, Reporters reporters) {
        List<FieldViolation> violations = new ArrayList<>();
        String title = text(report.title(), "title", "隐患标题", 200, violations);
        String description = text(report.description(), "description", "隐患描述", 4000, violations);
        String location = text(report.location(), "location", "隐患位置", 500, violations);
        Sector sector = null;
        if (report.sector() == null || report.sector().isBlank()) {
            violations.add(new FieldViolation("sector", "行业领域未填写"));
        } else {
            try {
                sector = Sector.valueOf(report.sector().strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("sector", "行业领域代码无效：" + report.sector()));
            }
        }
        OrgUnit unit = null;
        Department office = null;
        if (report.gridUnit() == null || report.gridUnit().isBlank()) {
            violations.add(new FieldViolation("gridUnit", "所属网格未填写"));
        } else {
            unit = organization.unit(report.gridUnit().strip()).orElse(null);
            if (unit == null) {
                violations.add(new FieldViolation("gridUnit", "所属网格不存在：" + report.gridUnit()));
            } else {
                office = organization.safetyOfficeFor(unit.code()).orElse(null);
                if (office == null) {
                    violations.add(new FieldViolation("gridUnit", "所属网格没有上级安委办，无法交办：" + unit.code()));
                }
            }
        }
        if (report.reportId() != null && report.reportId().strip().length() > 100) {
            violations.add(new FieldViolation("reportId", "上报编号不能超过 100 个字符"));
        }
        OffsetDateTime discoveredAt = report.discoveredAt() == null ? now : report.discoveredAt();
        if (discoveredAt.isAfter(now.plusMinutes(5))) {
            // a few minutes of clock skew between a handheld device and the server is normal
            violations.add(new FieldViolation("discoveredAt", "发现时间不能晚于当前时间"));
        }
        if (reporter == null || reporter.isBlank()) {
            violations.add(new FieldViolation("reporter", "无法确定上报人"));
        }
        if (!violations.isEmpty()) {
            throw new HazardRuleViolation("隐患上报信息不完整或无效", violations);
        }
        access.requireMayReport(reporter, reporters.departmentsOf(reporter), unit);
        return new ValidReport(title, description, sector, location, unit, office, discoveredAt);
    }

    private static String text(String value, String field, String label, int max, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new FieldViolation(field, label + "未填写"));
            return null;
        }
        if (value.strip().length() > max) {
            violations.add(new FieldViolation(field, label + "不能超过 " + max + " 个字符"));
            return null;
        }
        return value.strip();
    }

    private static String reportId(HazardReport report) {
        return report.reportId() == null || report.reportId().isBlank() ? null : report.reportId().strip();
    }

    /** The hazard a repeated report started, told only to the one who reported it. */
    private static ReportedHazard repeated(Hazard hazard, String reporter) {
        requireSameReporter(hazard.reporter(), reporter, hazard.reportId());
        return new ReportedHazard(hazard.number(), hazard.status(), hazard.processInstanceId(), false);
    }

    private static void requireSameReporter(String firstReporter, String reporter, String reportId) {
        if (!Objects.equals(firstReporter, reporter == null ? null : reporter.strip())) {
            throw new ReportIdTaken(reportId);
        }
    }
}
