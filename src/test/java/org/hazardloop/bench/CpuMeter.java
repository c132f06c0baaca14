package org.hazardloop.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.software.os.OSProcess;
import oshi.software.os.OSThread;
import oshi.software.os.OperatingSystem;

/**
 * Where the processor time of a measurement went: this JVM (the application, the engine, the Kafka broker, the
 * benchmark's clients), the PostgreSQL server's processes when it runs on this machine, and what was left idle. On
 * a two-core machine a rate is mostly a matter of processor time per operation; this says how much each side took.
 * Read through OSHI, which reads the operating system's process table (/proc on Linux).
 */
final class CpuMeter {

    private static final String POSTGRES = "postgres";

    private final OperatingSystem os;
    private final CentralProcessor processor;

    CpuMeter() {
        SystemInfo system = new SystemInfo();
        this.os = system.getOperatingSystem();
        this.processor = system.getHardware().getProcessor();
    }

    /**
     * Processor time so far: this JVM's, each of its threads' (by thread id, with the thread's group), each PostgreSQL
     * process's (by process id), and the machine's ticks.
     */
    record Snapshot(long nanos, long jvmMillis, Map<Integer, ThreadTime> jvmThreads, Map<Integer, Long> postgresMillis,
                    long[] ticks) {
    }

    /** A thread's processor time so far, and the group it counts in ({@link #group}). */
    record ThreadTime(String group, long millis) {
    }

    /**
     * Between two snapshots: wall seconds, processor seconds of each side and of each group of the JVM's threads,
     * the machine's idle share.
     */
    record Usage(double seconds, double jvmSeconds, Map<String, Double> jvmGroupSeconds, double postgresSeconds,
                 boolean postgresSeen, double idleShare) {

        /** "JVM 13.8 + PostgreSQL 9.0 = 22.8 ms per hazard (machine idle 1 %)". */
        String per(long operations, String unit) {
            if (operations <= 0) {
                return "no " + unit + " to divide by";
            }
            double jvm = jvmSeconds * 1000 / operations;
            String text = postgresSeen
                    ? "JVM " + Figure.format(jvm) + " + PostgreSQL " + Figure.format(postgresSeconds * 1000 / operations)
                    + " = " + Figure.format(jvm + postgresSeconds * 1000 / operations) + " ms per " + unit
                    : "JVM " + Figure.format(jvm) + " ms per " + unit + " (PostgreSQL not on this machine)";
            return text + " (machine idle " + Math.round(idleShare * 100) + " %)";
        }

        /** Two windows of the same phase together. */
        Usage plus(Usage other) {
            double both = seconds + other.seconds;
            Map<String, Double> groups = new LinkedHashMap<>(jvmGroupSeconds);
            other.jvmGroupSeconds.forEach((group, used) -> groups.merge(group, used, Double::sum));
            return new Usage(both, jvmSeconds + other.jvmSeconds, groups, postgresSeconds + other.postgresSeconds,
                    postgresSeen || other.postgresSeen,
                    both == 0 ? 0 : (idleShare * seconds + other.idleShare * other.seconds) / both);
        }
    }

    /**
     * Rows of milliseconds per operation, for each group of the JVM's threads and for PostgreSQL, one column per
     * measured phase: where each phase's processor time went.
     */
    static List<List<String>> perOperationRows(List<Usage> phases, List<Long> operations) {
        TreeSet<String> groups = new TreeSet<>();
        phases.forEach(phase -> groups.addAll(phase.jvmGroupSeconds().keySet()));
        List<List<String>> rows = new ArrayList<>();
        for (String group : groups) {
            rows.add(row("JVM: " + group, phases, operations, usage -> usage.jvmGroupSeconds().getOrDefault(group, 0.0)));
        }
        rows.add(row("JVM, all threads", phases, operations, Usage::jvmSeconds));
        rows.add(row("PostgreSQL", phases, operations, Usage::postgresSeconds));
        return rows;
    }

    private static List<String> row(String label, List<Usage> phases, List<Long> operations,
                                    java.util.function.ToDoubleFunction<Usage> seconds) {
        List<String> row = new ArrayList<>(List.of(label));
        for (int i = 0; i < phases.size(); i++) {
            row.add(operations.get(i) <= 0 ? "–" : Figure.format(seconds.applyAsDouble(phases.get(i)) * 1000 / operations.get(i)));
        }
        return row;
    }

    /**
     * The group a thread of this JVM counts in, by its name as the operating system knows it (on Linux its first
     * 15 characters): the benchmark's clients do the application's and the engine's work for a closed loop.
     */
    static String group(String threadName) {
        String name = threadName == null ? "" : threadName;
        if (name.startsWith("bench-")) {
            return "benchmark clients (application and engine)";
        }
        if (name.startsWith("outbox-relay") || name.startsWith("kafka-producer")) {
            return "outbox relay and its Kafka producer";
        }
        if (name.startsWith("hazard-reports")) {
            return "report consumer";
        }
        if (name.startsWith("http-nio") || name.startsWith("HttpClient")) {
            return "HTTP server and client";
        }
        // the acquisition thread, and the Spring task executor's threads that run the jobs
        if (name.startsWith("JobExecutor") || name.startsWith("camundaTaskExe")) {
            return "job executor";
        }
        if (name.startsWith("data-plane-kafk") || name.startsWith("kafka-") || name.startsWith("broker-")
                || name.startsWith("controller-") || name.startsWith("quorum-") || name.startsWith("raft-")) {
            return "Kafka broker";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "JIT compiler";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
            return "garbage collector and VM";
        }
        return "other";
    }

    Snapshot take() {
        OSProcess jvm = os.getProcess(os.getProcessId());
        Map<Integer, ThreadTime> threads = new HashMap<>();
        if (jvm != null) {
            for (OSThread thread : jvm.getThreadDetails()) {
                threads.put(thread.getThreadId(), new ThreadTime(group(thread.getName()),
                        thread.getUserTime() + thread.getKernelTime()));
            }
        }
        Map<Integer, Long> postgres = new HashMap<>();
        for (OSProcess process : os.getProcesses(p -> POSTGRES.equals(p.getName()), null, 0)) {
            postgres.put(process.getProcessID(), process.getUserTime() + process.getKernelTime());
        }
        return new Snapshot(System.nanoTime(), jvm == null ? 0 : jvm.getUserTime() + jvm.getKernelTime(), threads,
                postgres, processor.getSystemCpuLoadTicks());
    }

    /**
     * From {@code before} to {@code after}. A thread or PostgreSQL process that started in between counts from zero;
     * one that ended in between is missing (the pool's connections and the clients live through each window), so the
     * groups may add up to a little less than the JVM's whole.
     */
    static Usage between(Snapshot before, Snapshot after) {
        long postgres = 0;
        for (var process : after.postgresMillis().entrySet()) {
            postgres += process.getValue() - before.postgresMillis().getOrDefault(process.getKey(), 0L);
        }
        Map<String, Double> groups = new LinkedHashMap<>();
        for (var thread : after.jvmThreads().entrySet()) {
            ThreadTime earlier = before.jvmThreads().get(thread.getKey());
            long used = thread.getValue().millis() - (earlier == null ? 0 : earlier.millis());
            groups.merge(thread.getValue().group(), used / 1000.0, Double::sum);
        }
        long all = 0;
        for (int i = 0; i < after.ticks().length; i++) {
            all += after.ticks()[i] - before.ticks()[i];
        }
        long idle = after.ticks()[TickType.IDLE.getIndex()] - before.ticks()[TickType.IDLE.getIndex()];
        return new Usage((after.nanos() - before.nanos()) / 1e9, (after.jvmMillis() - before.jvmMillis()) / 1000.0,
                groups, postgres / 1000.0, !after.postgresMillis().isEmpty(), all == 0 ? 0 : idle / (double) all);
    }
}
