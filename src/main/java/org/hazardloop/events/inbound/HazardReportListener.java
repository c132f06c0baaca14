package org.hazardloop.events.inbound;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hazardloop.hazard.FieldViolation;
import org.hazardloop.hazard.HazardReporting;
import org.hazardloop.hazard.HazardRuleViolation;
import org.hazardloop.hazard.ReportedHazard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Starts hazards from the reports on {@code hazard.reports}, through the same {@link HazardReporting} as
 * the REST API. The reports of one poll (at most {@code hazardloop.events.reports.batch-size}) are stored in one
 * transaction; should any of them fail, the transaction is rolled back and the poll's reports are stored again one
 * transaction each, so that the one that failed goes alone to the error handler ({@link ReportDeadLetters}) with its
 * index, the reports before it stay stored and those after it are delivered again. Offsets are committed only once
 * the hazards are stored; a report whose {@code reportId} was seen before starts nothing and is acknowledged.
 */
@Component
public class HazardReportListener {

    private static final Logger log = LoggerFactory.getLogger(HazardReportListener.class);
    private static final LogAccessor deserialization = new LogAccessor(HazardReportListener.class);

    private final HazardReporting reporting;

    public HazardReportListener(HazardReporting reporting) {
        this.reporting = reporting;
    }

    @KafkaListener(
            id = "hazard-reports",
            topics = "${hazardloop.events.topics.reports:hazard.reports}",
            groupId = "${hazardloop.events.reports.group-id:hazard-loop-reports}",
            containerFactory = InboundReportsConfiguration.CONTAINER_FACTORY,
            batch = "true")
    public void onReports(List<ConsumerRecord<String, InboundHazardReport>> records, Acknowledgment acknowledgment) {
        List<ReportedHazard> stored;
        try {
            // One commit for the poll instead of one per report, and a statement per table rather than per report:
            // a burst of reports is stored faster (docs/performance.md, report ingestion), and a report's hazard is
            // still all there or not at all.
            stored = reporting.reportAll(records.stream().map(HazardReportListener::submission).toList());
        } catch (RuntimeException failed) {
            log.info("A report of a poll of {} failed ({}); storing them one by one", records.size(), failed.toString());
            oneByOne(records);
            acknowledgment.acknowledge();
            return;
        }
        for (int i = 0; i < records.size(); i++) {
            logStored(records.get(i).value(), stored.get(i));
        }
        acknowledgment.acknowledge();
    }

    /** Each report in a transaction of its own; the first that fails is handed to the error handler by its index. */
    private void oneByOne(List<ConsumerRecord<String, InboundHazardReport>> records) {
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, InboundHazardReport> record = records.get(i);
            try {
                logStored(record.value(), start(record));
            } catch (RuntimeException failed) {
                throw new BatchListenerFailedException("report at " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " failed", failed, i);
            }
        }
    }

    private ReportedHazard start(ConsumerRecord<String, InboundHazardReport> record) {
        HazardReporting.Submission submission = submission(record);
        return reporting.report(submission.report(), submission.reporter());
    }

    private static HazardReporting.Submission submission(ConsumerRecord<String, InboundHazardReport> record) {
        InboundHazardReport report = record.value();
        if (report == null) {
            // A batch listener gets the records the ErrorHandlingDeserializer could not read with a null value and
            // the failure in a header; thrown here, the error handler dead-letters the original bytes.
            DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, deserialization);
            if (unreadable != null) {
                throw unreadable;
            }
            throw new HazardRuleViolation("隐患上报消息无效", new FieldViolation("value", "消息内容为空"));
        }
        report.requireIdentity();
        return new HazardReporting.Submission(report.toHazardReport(), report.reporter().strip());
    }

    private static void logStored(InboundHazardReport report, ReportedHazard hazard) {
        if (hazard.created()) {
            log.info("Report {} from {} started hazard {}", report.reportId(), report.reporter(), hazard.number());
        } else {
            log.info("Report {} was already received: hazard {}", report.reportId(), hazard.number());
        }
    }
}
