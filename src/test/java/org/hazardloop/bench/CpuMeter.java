package org.hazardloop.bench;

import java.util.HashMap;
import java.util.Map;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.software.os.OSProcess;
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

    /** Processor time so far: this JVM's, each PostgreSQL process's (by process id), and the machine's ticks. */
    record Snapshot(long nanos, long jvmMillis, Map<Integer, Long> postgresMillis, long[] ticks) {
    }

    /** Between two snapshots: wall seconds, processor seconds of each side, the machine's idle share. */
    record Usage(double seconds, double jvmSeconds, double postgresSeconds, boolean postgresSeen, double idleShare) {

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
            return new Usage(both, jvmSeconds + other.jvmSeconds, postgresSeconds + other.postgresSeconds,
                    postgresSeen || other.postgresSeen,
                    both == 0 ? 0 : (idleShare * seconds + other.idleShare * other.seconds) / both);
        }
    }

    Snapshot take() {
        OSProcess jvm = os.getProcess(os.getProcessId());
        Map<Integer, Long> postgres = new HashMap<>();
        for (OSProcess process : os.getProcesses(p -> POSTGRES.equals(p.getName()), null, 0)) {
            postgres.put(process.getProcessID(), process.getUserTime() + process.getKernelTime());
        }
        return new Snapshot(System.nanoTime(), jvm == null ? 0 : jvm.getUserTime() + jvm.getKernelTime(), postgres,
                processor.getSystemCpuLoadTicks());
    }

    /**
     * From {@code before} to {@code after}. A PostgreSQL process that started in between counts from zero; one that
     * ended in between (a connection closed) is missing: the pool's connections live for the whole run.
     */
    static Usage between(Snapshot before, Snapshot after) {
        long postgres = 0;
        for (var process : after.postgresMillis().entrySet()) {
            postgres += process.getValue() - before.postgresMillis().getOrDefault(process.getKey(), 0L);
        }
        long all = 0;
        for (int i = 0; i < after.ticks().length; i++) {
            all += after.ticks()[i] - before.ticks()[i];
        }
        long idle = after.ticks()[TickType.IDLE.getIndex()] - before.ticks()[TickType.IDLE.getIndex()];
        return new Usage((after.nanos() - before.nanos()) / 1e9, (after.jvmMillis() - before.jvmMillis()) / 1000.0,
                postgres / 1000.0, !after.postgresMillis().isEmpty(), all == 0 ? 0 : idle / (double) all);
    }
}
