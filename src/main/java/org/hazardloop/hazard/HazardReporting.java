package org.hazardloop.hazard;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /**
     * Reports a hazard as {@code reporter}, who must be a grid inspector or safety office member of the grid unit
     * or a unit above it ({@link HazardAccess}).
     */
    public ReportedHazard report(HazardReport report, String reporter) {
        if (report.reportId() != null && !report.reportId().isBlank()) {
            var existing = ledger.findByReportId(report.reportId().strip());
            if (existing.isPresent()) {
                return repeated(existing.get(), reporter);
            }
        }
        try {
            return transaction.execute(status -> start(report, reporter));
        } catch (DuplicateKeyException concurrentSameReport) {
            // Another request with the same reportId committed between our check and our insert.
            return ledger.findByReportId(report.reportId().strip()).map(hazard -> repeated(hazard, reporter))
                    .orElseThrow(() -> concurrentSameReport);
        }
    }

    private ReportedHazard start(HazardReport report, String reporter) {
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(properties.zone()));
        ValidReport valid = validate(report, reporter, now);
        String number = numbers.next(Year.from(now));
        String reportId = report.reportId() == null || report.reportId().isBlank() ? null : report.reportId().strip();
        // 挂牌督办: the safety office one level up lists a major hazard and approves its close-out; at the top of
        // the grid there is none above, and the hazard's own safety office does it.
        String supervising = organization.supervisingSafetyOffice(valid.safetyOffice().code())
                .map(Department::code).orElse(valid.safetyOffice().code());
        ledger.insert(new NewHazard(number, reportId, valid.title(), valid.description(), valid.sector(),
                valid.location(), valid.unit().code(), valid.unit().path(), valid.safetyOffice().code(), supervising,
                reporter, valid.discoveredAt(), now));
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("title", valid.title());
        details.put("description", valid.description());
        details.put("sector", valid.sector().name());
        details.put("location", valid.location());
        details.put("gridUnit", valid.unit().code());
        details.put("discoveredAt", valid.discoveredAt().toString());
        if (reportId != null) {
            details.put("reportId", reportId);
        }
        ledger.appendTimeline(number, now, reporter, TimelineAction.REPORTED, HazardStatus.REPORTED, details);
        events.publishEvent(new HazardStepRecorded(number, TimelineAction.REPORTED, HazardStatus.REPORTED, reporter, now, details));
        // The process's context variables are the projection of the entry just written, as after every step.
        Hazard hazard = ledger.find(number).orElseThrow(() -> new HazardNotFound(number));
        ProcessInstance instance = runtimeService.createProcessInstanceByKey(ProcessVariables.PROCESS_KEY)
                .businessKey(number)
                .setVariables(HazardContext.of(hazard).variables())
                .execute();
        ledger.linkProcessInstance(number, instance.getId());
        return new ReportedHazard(number, HazardStatus.REPORTED, instance.getId(), true);
    }

    private record ValidReport(String title, String description, Sector sector, String location, OrgUnit unit,
                               Department safetyOffice, OffsetDateTime discoveredAt) {
    }

    /** The rules for a report, the same for the REST API and every other way in. */
    private ValidReport validate(HazardReport report, String reporter, OffsetDateTime now) {
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
        access.requireMayReport(reporter, unit);
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

    /** The hazard a repeated report started, told only to the one who reported it. */
    private static ReportedHazard repeated(Hazard hazard, String reporter) {
        if (!Objects.equals(hazard.reporter(), reporter == null ? null : reporter.strip())) {
            throw new ReportIdTaken(hazard.reportId());
        }
        return new ReportedHazard(hazard.number(), hazard.status(), hazard.processInstanceId(), false);
    }
}
