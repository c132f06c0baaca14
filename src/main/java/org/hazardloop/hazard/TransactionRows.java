package org.hazardloop.hazard;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ledger rows the current transaction has read, so that one step reads its hazard once: the listeners, the
 * domain rule, the event writers and the read grants of a step each ask for the hazard, and a timer job's notice as
 * well. A row read with its lock stands for the rest of the transaction, until the transaction itself changes the
 * row ({@link #forget}); a row read without the lock stands until the lock is asked for. Outside a transaction
 * nothing is kept.
 *
 * <p>Hand-written rather than Spring's cache abstraction: a transaction-scoped cache needs the row's lock state,
 * and its lifetime is exactly the transaction's synchronization.
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

    /** The transaction changed the row: the next read goes to the database. */
    static void forget(String number) {
        Map<String, Row> rows = rows();
        if (rows != null) {
            rows.remove(number);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Row> rows() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, Row> rows = (Map<String, Row>) TransactionSynchronizationManager.getResource(KEY);
        if (rows == null) {
            Map<String, Row> created = new HashMap<>();
            TransactionSynchronizationManager.bindResource(KEY, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
            rows = created;
        }
        return rows;
    }
}
