package org.hazardloop.hazard;

import java.util.Map;
import java.util.function.Function;
import org.hazardloop.transaction.TransactionScoped;

/**
 * The ledger rows the current transaction has read, so that one step reads its hazard once: the listeners, the
 * domain rule, the event writers and the read grants of a step each ask for the hazard, and a timer job's notice as
 * well. A row read with its lock stands for the rest of the transaction, until the transaction itself changes the
 * row ({@link #forget}) or the change hands the row back as it now is ({@link #rememberLocked}); a row read without
 * the lock stands until the lock is asked for. Outside a transaction
 * nothing is kept. Kept with its lock state, which a cache would not know of ({@link TransactionScoped}).
 */
final class TransactionRows {

    private static final String KEY = TransactionRows.class.getName();

    private record Row(Hazard hazard, boolean locked) {
    }

    private TransactionRows() {
    }

    /** The hazard as this transaction last read it, or read now. */
    static Hazard read(String number, boolean lock, Function<String, Hazard> query) {
        Map<String, Row> rows = rows();
        if (rows == null) {
            return query.apply(number);
        }
        Row known = rows.get(number);
        if (known != null && (known.locked() || !lock)) {
            return known.hazard();
        }
        Hazard hazard = query.apply(number);
        if (hazard != null) {
            rows.put(number, new Row(hazard, lock));
        }
        return hazard;
    }

    /** A row this transaction has just read in a query of its own, as if {@link #read} had read it without the lock. */
    static void remember(Hazard hazard) {
        Map<String, Row> rows = rows();
        if (rows != null && !rows.containsKey(hazard.number())) {
            rows.put(hazard.number(), new Row(hazard, false));
        }
    }

    /** The row as this transaction's own update left it, which holds the row's lock. */
    static void rememberLocked(Hazard hazard) {
        Map<String, Row> rows = rows();
        if (rows != null) {
            rows.put(hazard.number(), new Row(hazard, true));
        }
    }

    /** The transaction changed the row: the next read goes to the database. */
    static void forget(String number) {
        Map<String, Row> rows = rows();
        if (rows != null) {
            rows.remove(number);
        }
    }

    private static Map<String, Row> rows() {
        return TransactionScoped.map(KEY);
    }
}
