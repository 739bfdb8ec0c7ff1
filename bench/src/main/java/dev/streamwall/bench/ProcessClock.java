package dev.streamwall.bench;

import java.lang.management.ManagementFactory;

/** Wall-clock and whole-process CPU time, read together at the start and end of a run. */
public final class ProcessClock {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long wallStart = System.nanoTime();
    private final long cpuStart = OS.getProcessCpuTime();
    private final double machineStart = machineCpuSecondsNow();

    public double wallSeconds() {
        return (System.nanoTime() - wallStart) / 1e9;
    }

    public double cpuSeconds() {
        return (OS.getProcessCpuTime() - cpuStart) / 1e9;
    }

    /**
     * CPU time of every process on the machine (this one, PostgreSQL's...): from {@code /proc/stat}
     * (at 100 ticks a second), in seconds; NaN where there is none.
     */
    double machineCpuSeconds() {
        return machineCpuSecondsNow() - machineStart;
    }

    private static double machineCpuSecondsNow() {
        try {
            String[] f =
                    java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat"))
                            .get(0)
                            .trim()
                            .split("\\s+");
            // cpu user nice system idle iowait irq softirq steal: work done, not idle, waiting or
            // stolen by the hypervisor.
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
