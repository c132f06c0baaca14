package org.hazardloop.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Runs an operation from a number of concurrent clients for a fixed time: a warm-up, then a measured window.
 * What completes inside the window counts; each completion's duration goes into a histogram (microseconds).
 */
final class LoadRun {

    /** One client's operation; called again and again until the window closes. */
    interface Operation {
        void run(long sequence) throws Exception;
    }

    /** What a run measured. */
    record Outcome(String name, int clients, long completed, long errors, Duration window, Histogram latencyMicros,
                   String firstError, CpuMeter.Usage cpu) {

        double perSecond() {
            return completed / (window.toNanos() / 1e9);
        }

        double millisAt(double percentile) {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN
                    : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private LoadRun() {
    }

    static Outcome run(String name, int clients, Duration warmup, Duration window, CpuMeter meter,
                       IntFunction<Operation> client) {
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long windowEnd = windowStart + window.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Operation operation = client.apply(i);
            Thread thread = new Thread(() -> {
                long sequence = 0;
                while (System.nanoTime() < windowEnd) {
                    long begin = System.nanoTime();
                    try {
                        operation.run(sequence++);
                        long end = System.nanoTime();
                        if (end >= windowStart && end <= windowEnd) {
                            completed.incrementAndGet();
                            latency.recordValue(Math.max(1, (end - begin) / 1000));
                        }
                    } catch (Exception | AssertionError e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                        sleepQuietly(10);
                    }
                }
            }, "bench-" + name + "-" + i);
            threads.add(thread);
            thread.start();
        }
        // the processor time of the measured window alone, not of the warm-up or of the last operations after it
        sleepUntil(windowStart);
        CpuMeter.Snapshot atWindowStart = meter.take();
        sleepUntil(windowEnd);
        CpuMeter.Usage cpu = CpuMeter.between(atWindowStart, meter.take());
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + name + " ran", e);
            }
        }
        return new Outcome(name, clients, completed.get(), errors.get(), window, latency, firstError.get(), cpu);
    }

    /** Merges rounds of the same phase: counts and windows add up, histograms merge. */
    static Outcome merge(List<Outcome> rounds) {
        Outcome first = rounds.get(0);
        Histogram latency = new Histogram(3);
        long completed = 0;
        long errors = 0;
        Duration window = Duration.ZERO;
        String firstError = null;
        CpuMeter.Usage cpu = null;
        for (Outcome round : rounds) {
            cpu = cpu == null ? round.cpu() : cpu.plus(round.cpu());
            latency.add(round.latencyMicros());
            completed += round.completed();
            errors += round.errors();
            window = window.plus(round.window());
            firstError = firstError == null ? round.firstError() : firstError;
        }
        return new Outcome(first.name(), first.clients(), completed, errors, window, latency, firstError, cpu);
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            sleepQuietly(Math.max(1, Math.min(100, left / 1_000_000)));
        }
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
