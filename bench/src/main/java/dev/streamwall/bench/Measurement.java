package dev.streamwall.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One timed run: how many input events a leg of a job took in how much wall-clock and process CPU
 * time, and what came out (record counts and order-independent digests per output).
 *
 * @param job pitwall, cityflow or factory
 * @param leg what was timed: {@code generator} or {@code graph}
 * @param variant how: e.g. {@code heap/objects}, {@code rocksdb/wire}
 * @param events input events
 * @param wallSeconds elapsed time, job start-up included
 * @param cpuSeconds CPU time of the whole process (every thread) over the run
 * @param bytesPerEvent mean size of an encoded event, where the leg encodes them; else 0
 * @param counts records per output
 * @param digests order-independent digest of each output's records (same input, same digest)
 * @param latencyMs where the run was paced: per output, milliseconds from the decoding of the input
 *     record that completed a result to the result reaching its sink ({@code decisions.p99}, ...)
 */
public record Measurement(
        String job,
        String leg,
        String variant,
        long events,
        double wallSeconds,
        double cpuSeconds,
        double bytesPerEvent,
        Map<String, Long> counts,
        Map<String, String> digests,
        Map<String, Double> latencyMs) {

    @JsonProperty("events_per_second")
    public double eventsPerSecond() {
        return wallSeconds <= 0 ? 0 : events / wallSeconds;
    }

    @JsonProperty("events_per_cpu_second")
    public double eventsPerCpuSecond() {
        return cpuSeconds <= 0 ? 0 : events / cpuSeconds;
    }

    /** What a run is matched on when two result files are compared. */
    public String key() {
        return job + " " + leg + " " + variant;
    }
}
