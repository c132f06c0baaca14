package org.hazardloop.hazard;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's side of the append-only timeline (db/vendor/h2/V60__timeline_append_only.sql): refuses any UPDATE or DELETE
 * of {@code hl_hazard_timeline}. PostgreSQL does the same with a PL/pgSQL trigger.
 */
public class TimelineAppendOnlyTrigger implements Trigger {

    /** Refusal, as PostgreSQL's RAISE EXCEPTION reports it. */
    static final String SQL_STATE = "P0001";

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        String operation = newRow == null ? "DELETE" : "UPDATE";
        throw new SQLException("隐患处理记录只能追加，不能修改或删除（hl_hazard_timeline: " + operation + "）", SQL_STATE);
    }
}
