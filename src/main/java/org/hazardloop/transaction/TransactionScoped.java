package org.hazardloop.transaction;

import java.util.HashMap;
import java.util.Map;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A map that lives as long as the current transaction: what one transaction has read once and may take as read
 * until it ends (the ledger rows of a step, the grid of a poll of reports). Outside a transaction there is none.
 *
 * <p>Hand-written rather than Spring's cache abstraction: what is kept must end with the transaction that read it,
 * which is exactly a transaction synchronization's lifetime, and nothing else is needed of a cache.
 */
public final class TransactionScoped {

    private TransactionScoped() {
    }

    /** The current transaction's map under {@code key}, made on first use; null outside a transaction. */
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> map(String key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<K, V> values = (Map<K, V>) TransactionSynchronizationManager.getResource(key);
        if (values == null) {
            Map<K, V> created = new HashMap<>();
            TransactionSynchronizationManager.bindResource(key, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
            values = created;
        }
        return values;
    }
}
