package org.hazardloop.events.inbound;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hazardloop.hazard.FieldViolation;
import org.hazardloop.hazard.HazardReporting;
import org.hazardloop.hazard.HazardRuleViolation;
import org.hazardloop.hazard.ReportedHazard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Starts hazards from the reports on {@code hazard.reports}, through the same {@link HazardReporting} as
 * the REST API. The offset is committed only once the hazard is stored; a report whose {@code reportId}
 * was seen before starts nothing and is acknowledged. Invalid messages go to the dead-letter topic
 * ({@link ReportDeadLetters}).
 */
@Component
public class HazardReportListener {

    private static final Logger log = LoggerFactory.getLogger(HazardReportListener.class);

    private final HazardReporting reporting;

    public HazardReportListener(HazardReporting reporting) {
        this.reporting = reporting;
    }

    @KafkaListener(
            id = "hazard-reports",
            topics = "${hazardloop.events.topics.reports:hazard.reports}",
            groupId = "${hazardloop.events.reports.group-id:hazard-loop-reports}",
            containerFactory = InboundReportsConfiguration.CONTAINER_FACTORY)
    public void onReport(ConsumerRecord<String, InboundHazardReport> record, Acknowledgment acknowledgment) {
        InboundHazardReport report = record.value();
        if (report == null) {
            throw new HazardRuleViolation("隐患上报消息无效", new FieldViolation("value", "消息内容为空"));
        }
        report.requireIdentity();
        ReportedHazard hazard = reporting.report(report.toHazardReport(), report.reporter().strip());
        if (hazard.created()) {
            log.info("Report {} from {} started hazard {}", report.reportId(), report.reporter(), hazard.number());
        } else {
            log.info("Report {} was already received: hazard {}", report.reportId(), hazard.number());
        }
        acknowledgment.acknowledge();
    }
}
