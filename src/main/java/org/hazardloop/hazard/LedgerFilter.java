package org.hazardloop.hazard;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.hazardloop.organization.OrgUnit;

/**
 * The WHERE clause of a ledger query, built from whichever filters are set. Hand-written because the
 * project reads the ledger with plain JdbcClient SQL (no query DSL on the classpath) and the
 * conditions are few; every value goes in as a named parameter, never into the SQL text.
 */
final class LedgerFilter {

    /** Open and past its deadline: still rectifying, or waiting for an extension decision. */
    static final String OVERDUE = "(status IN ('" + HazardStatus.RECTIFYING.name() + "', '"
            + HazardStatus.EXTENSION_REQUESTED.name() + "') AND deadline < :now)";

    private final StringJoiner conditions = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
    private final Map<String, Object> params = new HashMap<>();

    LedgerFilter(Instant now) {
        params.put("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
    }

    /** The unit and everything under it: its path is a prefix of theirs. */
    LedgerFilter subtree(OrgUnit unit) {
        if (unit != null) {
            conditions.add("grid_path LIKE :gridPath ESCAPE '!'");
            params.put("gridPath", escapeLike(unit.path()) + "%");
        }
        return this;
    }

    /**
     * Only what the reader may read: one parenthesised OR of their subtrees, departments, escalations and own reports;
     * nothing at all when they have none.
     */
    LedgerFilter readableBy(HazardReadScope scope) {
        if (scope.everything()) {
            return this;
        }
        StringJoiner any = new StringJoiner(" OR ", "(", ")").setEmptyValue("1 = 0");
        List<String> paths = scope.subtreePaths();
        for (int i = 0; i < paths.size(); i++) {
            any.add("grid_path LIKE :readablePath" + i + " ESCAPE '!'");
            params.put("readablePath" + i, escapeLike(paths.get(i)) + "%");
        }
        if (!scope.responsibleDepartments().isEmpty()) {
            any.add("responsible_department IN (:readableDepartments)");
            params.put("readableDepartments", scope.responsibleDepartments());
        }
        if (!scope.departments().isEmpty()) {
            any.add("escalation_target IN (:readableEscalations)");
            params.put("readableEscalations", scope.departments());
        }
        if (scope.reporter() != null) {
            any.add("reporter = :readableReporter");
            params.put("readableReporter", scope.reporter());
        }
        conditions.add(any.toString());
        return this;
    }

    LedgerFilter statusIn(Collection<HazardStatus> statuses) {
        if (statuses != null && !statuses.isEmpty()) {
            conditions.add("status IN (:statuses)");
            params.put("statuses", statuses.stream().map(Enum::name).toList());
        }
        return this;
    }

    LedgerFilter equal(String column, Object value) {
        if (value != null) {
            String name = "eq_" + column;
            conditions.add(column + " = :" + name);
            params.put(name, value instanceof Enum<?> e ? e.name() : value);
        }
        return this;
    }

    LedgerFilter overdue(Boolean overdue) {
        if (overdue != null) {
            // deadline IS NULL for an unassigned hazard: NOT(...) alone would be unknown, not true
            conditions.add(overdue ? OVERDUE : "(deadline IS NULL OR NOT " + OVERDUE + ")");
        }
        return this;
    }

    /** Escalated at least this far; a hazard with no overdue notice (NULL level) never matches. */
    LedgerFilter atLeast(String column, Integer minimum) {
        if (minimum != null) {
            String name = "min_" + column;
            conditions.add(column + " >= :" + name);
            params.put(name, minimum);
        }
        return this;
    }

    LedgerFilter reportedFrom(OffsetDateTime from) {
        if (from != null) {
            conditions.add("reported_at >= :reportedFrom");
            params.put("reportedFrom", from);
        }
        return this;
    }

    LedgerFilter reportedBefore(OffsetDateTime to) {
        if (to != null) {
            conditions.add("reported_at < :reportedTo");
            params.put("reportedTo", to);
        }
        return this;
    }

    String where() {
        return conditions.toString();
    }

    Map<String, Object> params() {
        return params;
    }

    /** Unit codes may contain '_' (a LIKE wildcard); '!' is the escape character named in the SQL. */
    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
