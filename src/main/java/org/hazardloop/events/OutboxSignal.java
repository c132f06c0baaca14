package org.hazardloop.events;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Wakes the relays of this application instance when a transaction that appended events commits,
 * so events leave at once instead of at the next poll. Other instances' commits are found by polling.
 */
@Component
public class OutboxSignal {

    private final Object monitor = new Object();
    private long generation;

    public void signal() {
        synchronized (monitor) {
            generation++;
            monitor.notifyAll();
        }
    }

    /** Waits until the next signal or the timeout; returns at once if a signal came since {@code seen}. */
    long awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (generation == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
            return generation;
        }
    }

    long generation() {
        synchronized (monitor) {
            return generation;
        }
    }
}
