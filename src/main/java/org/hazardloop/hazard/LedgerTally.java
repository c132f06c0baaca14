package org.hazardloop.hazard;

import java.sql.ResultSet;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Whether the ledger has its tally ({@code hl_hazard_tally}, {@link LedgerTallyMigration}): on PostgreSQL it does,
 * and the statistics and the list's totals read it; on H2 they count the ledger itself.
 */
@Component
public class LedgerTally {

    private final DataSource dataSource;
    private volatile Boolean available;

    public LedgerTally(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Whether the tally can answer for this reader: its rows are per grid path, so a reader limited to some
     * subtrees is answered from it, but one who also reads hazards by department, escalation or as their reporter
     * is counted from the ledger itself.
     */
    public boolean answers(HazardReadScope readable) {
        return available() && (readable.everything() || (readable.responsibleDepartments().isEmpty()
                && readable.departments().isEmpty() && readable.reporter() == null));
    }

    public boolean available() {
        Boolean known = available;
        if (known == null) {
            known = exists();
            available = known;
        }
        return known;
    }

    private boolean exists() {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> {
                for (String name : new String[] {"hl_hazard_tally", "HL_HAZARD_TALLY"}) {
                    try (ResultSet tables = metaData.getTables(null, null, name, new String[] {"TABLE"})) {
                        if (tables.next()) {
                            return true;
                        }
                    }
                }
                return false;
            });
        } catch (MetaDataAccessException e) {
            return false;
        }
    }
}
