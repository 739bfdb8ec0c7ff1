package dev.streamwall.bench;

import dev.streamwall.wire.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The legs of one job's benchmark. */
interface JobBench {

    /**
     * How much input a run takes.
     *
     * @param quick a smoke run: seconds, not a measurement
     * @param laps the race distance of a full pitwall run
     * @param latencyRates input rates (events/s) of the paced latency runs of a full run
     * @param latencyLaps the race distance of a paced pitwall run
     */
    record Size(
            boolean quick,
            int laps,
            List<Integer> latencyRates,
            int latencyLaps,
            boolean provisionalLaps) {
        Size(boolean quick, int laps) {
            this(quick, laps, List.of(20_000), 3, false);
        }
    }

    String name();

    /** The input a run of this size takes, in words. */
    String input(Size size);

    /** The generator alone, without and with its wire format. */
    List<Measurement> generator(Size size);

    /** The job graph in-process, from the generator to discarding sinks. */
    Measurement graph(Size size, GraphRun.Variant variant, int parallelism) throws Exception;

    /**
     * The job's per-event logic in a plain loop without Flink, objects and JSON; none where the
     * bench has no such loop.
     */
    default List<Measurement> plainLoop(Size size) throws Exception {
        return List.of();
    }

    /** Decision latency at fixed input rates; none where the bench does not measure it yet. */
    default List<Measurement> latency(Size size, int parallelism) throws Exception {
        return List.of();
    }

    /**
     * The rows of each of the job's tables for the sink leg, up to {@code limit} each, from the
     * generator or a run of the graph.
     */
    List<SinkLeg.Rows<?>> sinkRows(Size size, int limit) throws Exception;

    /** A generator on its own: building its records, and writing each as its JSON wire record. */
    static Measurement simulate(String job, Iterator<?> records, boolean json) {
        ProcessClock clock = new ProcessClock();
        long events = 0;
        long bytes = 0;
        while (records.hasNext()) {
            Object r = records.next();
            events++;
            if (json) {
                bytes += Json.toBytes(r).length;
            }
        }
        return new Measurement(
                job,
                "generator",
                json ? "json" : "objects",
                events,
                clock.wallSeconds(),
                clock.cpuSeconds(),
                json ? (double) bytes / events : 0,
                Map.of(),
                Map.of(),
                Map.of());
    }
}
