package org.hazardloop.hazard;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Migration 82: the overdue list (逾期隐患), soonest deadline first, read from an index of open deadlines only.
 *
 * <p>The page of overdue hazards in deadline order read {@code hl_hazard_deadline_idx}, which holds every hazard's
 * deadline. Closed hazards keep theirs, so before it found twenty open ones the scan stepped over every closed hazard
 * whose deadline fell in the same weeks: 4,077 rows at a million-row ledger (docs/performance.md), more with every
 * year the ledger keeps. This index holds only the hazards whose deadline is running (in rectification or awaiting an
 * extension decision, as {@link LedgerFilter#OVERDUE} says), in the page's own order, so the page reads as many
 * entries as it shows however many hazards have been closed; the overdue count reads it too.
 *
 * <p>PostgreSQL only: H2, the embedded default, has no partial indexes and keeps the plain deadline index.
 */
@Component
public class OverdueListIndexMigration extends PostgresOnlyMigration {

    private static final List<String> STATEMENTS = List.of(
            "CREATE INDEX hl_hazard_open_deadline_idx ON hl_hazard (deadline, number)"
                    + " WHERE status IN ('RECTIFYING', 'EXTENSION_REQUESTED')");

    public OverdueListIndexMigration() {
        super("82", "overdue list from an index of open deadlines", STATEMENTS);
    }
}
