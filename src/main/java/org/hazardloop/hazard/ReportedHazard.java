package org.hazardloop.hazard;

/** The answer to a report: the hazard's number and process; {@code created} is false for a repeated report. */
public record ReportedHazard(String number, HazardStatus status, String processInstanceId, boolean created) {
}
