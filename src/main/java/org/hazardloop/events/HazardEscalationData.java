package org.hazardloop.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The JSON {@code data} of a deadline event on {@code hazard.escalations}: which hazard, which deadline, and who
 * is told, so that the receiving department or office can act without another lookup. Date-times are ISO-8601
 * strings in the offices' time zone; fields a hazard does not have are left out.
 *
 * @param stage            {@code RECTIFICATION} (整改时限) or {@code VERIFICATION} (验收时限)
 * @param hazard           title, sector, place, grade, who is responsible: plain fields of the JSON
 * @param status           the ledger status when the event was recorded
 * @param deadline         the deadline the event is about: the rectification deadline in force, or the verification deadline
 * @param deadlineVersion  which deadline of that stage it is, from 1: a new one per approved extension (rectification),
 *                         per submission or returned close-out (verification)
 * @param overdueSince     since when the deadline is missed (the deadline itself); absent for a reminder
 * @param escalationLevel  0 = the responsible department, 1 = the safety office of its unit, 2 = the office above, ...
 * @param targetDepartment the department told, which must act: also the Kafka key and the CloudEvents subject
 * @param targetUnit       the grid unit of that department
 * @param targetGridLevel  that unit's level in the grid: {@code CITY}, {@code DISTRICT}, {@code TOWN}, {@code VILLAGE},
 *                         {@code ENTERPRISE}
 * @param link             the hazard in the application's REST API
 */
public record HazardEscalationData(
        String hazardNumber,
        String stage,
        @JsonUnwrapped HazardFacts hazard,
        String status,
        String deadline,
        int deadlineVersion,
        String overdueSince,
        int escalationLevel,
        String targetDepartment,
        String targetUnit,
        String targetGridLevel,
        String occurredAt,
        String link) {
}
