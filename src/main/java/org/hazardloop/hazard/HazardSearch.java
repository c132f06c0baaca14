package org.hazardloop.hazard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hazardloop.organization.OrgUnit;
import org.hazardloop.organization.OrganizationDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** 台账查询: filtered, paged and ordered lists of the ledger. */
@Service
@Transactional(readOnly = true)
public class HazardSearch {

    private final JdbcClient jdbc;
    private final OrganizationDirectory organization;

    private final LedgerTally tally;

    public HazardSearch(JdbcClient jdbc, OrganizationDirectory organization, LedgerTally tally) {
        this.jdbc = jdbc;
        this.organization = organization;
        this.tally = tally;
    }

    /**
     * One page of the entries matching {@code criteria} that the reader may read; {@code now} decides what is
     * overdue, so the caller can show the overdue flag as of the same instant.
     */
    public HazardPage<Hazard> search(HazardCriteria criteria, HazardReadScope readable, HazardPageRequest request,
                                     Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        if (request.page() < 0) {
            violations.add(new FieldViolation("page", "页码不能小于 0"));
        }
        if (request.size() < 1 || request.size() > HazardPageRequest.MAX_SIZE) {
            violations.add(new FieldViolation("size", "每页条数须在 1 到 " + HazardPageRequest.MAX_SIZE + " 之间"));
        }
        if (criteria.reportedFrom() != null && criteria.reportedTo() != null
                && !criteria.reportedFrom().isBefore(criteria.reportedTo())) {
            violations.add(new FieldViolation("reportedTo", "上报时间止须晚于上报时间起"));
        }
        if (criteria.minEscalationLevel() != null && criteria.minEscalationLevel() < 0) {
            violations.add(new FieldViolation("minEscalationLevel", "逾期督办级别不能小于 0"));
        }
        OrgUnit unit = GridUnits.resolve(organization, criteria.gridUnit(), violations);
        if (!violations.isEmpty()) {
            throw new HazardRuleViolation("查询条件无效", violations);
        }

        LedgerFilter filter = withCriteria(new LedgerFilter(now).readableBy(readable).subtree(unit), criteria);

        long total = jdbc.sql(countSql(filter, tally.answers(readable) && countableFromTally(criteria)))
                .params(filter.params()).query(Long.class).single();
        List<Hazard> items = total == 0 ? List.of() : jdbc.sql(pageSql(filter, request))
                .params(filter.params())
                .param("offset", (long) request.page() * request.size())
                .param("limit", request.size())
                .query(HazardLedger::hazard)
                .list();
        return new HazardPage<>(items, request.page(), request.size(), total);
    }

    /**
     * The total: from the tally when every filter, the reader's scope included, is one of its columns (subtree,
     * status, grade), which it answers without reading the hazards; otherwise counted from the ledger. Package-private for the
     * benchmark's query plans.
     */
    /** The list's filters other than who reads and which subtree. */
    static LedgerFilter withCriteria(LedgerFilter filter, HazardCriteria criteria) {
        return filter.statusIn(criteria.statuses())
                .equal("grade", criteria.grade())
                .equal("sector", criteria.sector())
                .equal("responsible_department", criteria.responsibleDepartment())
                .overdue(criteria.overdue())
                .atLeast("escalation_level", criteria.minEscalationLevel())
                .equal("escalation_target", criteria.escalationTarget())
                .reportedFrom(criteria.reportedFrom())
                .reportedBefore(criteria.reportedTo());
    }

    /** One page of the filtered ledger; parameters {@code :offset} and {@code :limit} besides the filter's. */
    static String pageSql(LedgerFilter filter, HazardPageRequest request) {
        return "SELECT * FROM hl_hazard" + filter.where() + orderBy(request) + " OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY";
    }

    static String countSql(LedgerFilter filter, boolean fromTally) {
        return fromTally
                ? "SELECT COALESCE(SUM(hazards), 0) FROM hl_hazard_tally" + filter.where()
                : "SELECT COUNT(*) FROM hl_hazard" + filter.where();
    }

    static boolean countableFromTally(HazardCriteria criteria) {
        return criteria.sector() == null && criteria.responsibleDepartment() == null && criteria.overdue() == null
                && criteria.minEscalationLevel() == null && criteria.escalationTarget() == null
                && criteria.reportedFrom() == null && criteria.reportedTo() == null;
    }

    /**
     * The entry, if the reader may read it. An entry they may not read is as absent as one that does not exist:
     * a refusal would tell them it exists.
     */
    public Optional<Hazard> find(String number, HazardReadScope readable, Instant now) {
        LedgerFilter filter = new LedgerFilter(now).readableBy(readable).equal("number", number);
        return jdbc.sql("SELECT * FROM hl_hazard" + filter.where()).params(filter.params())
                .query(HazardLedger::hazard).optional();
    }

    /**
     * Column names come from the enum, never from the client. Unassigned hazards have no deadline: last.
     * Package-private for the benchmark's query plans, which explain this very SQL.
     */
    static String orderBy(HazardPageRequest request) {
        String direction = request.descending() ? " DESC" : " ASC";
        String primary = request.sort().column() + direction
                + (request.sort() == HazardSort.DEADLINE ? " NULLS LAST" : "");
        return request.sort() == HazardSort.NUMBER
                ? " ORDER BY " + primary
                : " ORDER BY " + primary + ", number" + direction;
    }
}
