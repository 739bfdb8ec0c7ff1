package dev.streamwall.bench;

import java.lang.management.ManagementFactory;

/** Wall-clock and whole-process CPU time, read together at the start and end of a run. */
final class ProcessClock {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long wallStart = System.nanoTime();
    private final long cpuStart = OS.getProcessCpuTime();

    double wallSeconds() {
        return (System.nanoTime() - wallStart) / 1e9;
    }

    double cpuSeconds() {
        return (OS.getProcessCpuTime() - cpuStart) / 1e9;
    }
}
