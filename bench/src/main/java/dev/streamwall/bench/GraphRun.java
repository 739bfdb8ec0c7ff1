package dev.streamwall.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** One run of a job graph in this process, on a local MiniCluster, timed and tallied. */
final class GraphRun {

    /** Where keyed state lives: on the JVM heap, or in RocksDB as clusters run it. */
    enum State {
        HEAP("hashmap"),
        ROCKSDB("rocksdb");

        final String backend;

        State(String backend) {
            this.backend = backend;
        }
    }

    /**
     * What the graph's source hands on: the generator's records as they are, or each one written as
     * its JSON wire record and read back by the job's own decoder (what a Kafka source costs, minus
     * the broker).
     */
    enum Input {
        OBJECTS,
        WIRE
    }

    /** A state backend and an input form. */
    record Variant(State state, Input input) {
        String label() {
            return state.name().toLowerCase(Locale.ROOT)
                    + "/"
                    + input.name().toLowerCase(Locale.ROOT);
        }
    }

    /** Every variant, the cheapest first. */
    static final List<Variant> ALL =
            List.of(
                    new Variant(State.HEAP, Input.OBJECTS),
                    new Variant(State.HEAP, Input.WIRE),
                    new Variant(State.ROCKSDB, Input.OBJECTS),
                    new Variant(State.ROCKSDB, Input.WIRE));

    private GraphRun() {}

    /** A local environment with the variant's state backend and no checkpoints. */
    static StreamExecutionEnvironment environment(Variant variant, int parallelism) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, variant.state().backend);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    /**
     * Runs the graph built on {@code env} to its end and reads back the tallies of {@code outputs}.
     */
    static Measurement execute(
            StreamExecutionEnvironment env,
            String job,
            Variant variant,
            long events,
            List<String> outputs)
            throws Exception {
        ProcessClock clock = new ProcessClock();
        JobExecutionResult result = env.execute("bench " + job + " " + variant.label());
        double wall = clock.wallSeconds();
        double cpu = clock.cpuSeconds();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> digests = new LinkedHashMap<>();
        for (String output : outputs) {
            Long count = result.getAccumulatorResult(Tally.countKey(output));
            Long digest = result.getAccumulatorResult(Tally.digestKey(output));
            counts.put(output, count == null ? 0 : count);
            digests.put(output, String.format(Locale.ROOT, "%016x", digest == null ? 0 : digest));
        }
        return new Measurement(
                job, "graph", variant.label(), events, wall, cpu, 0, counts, digests);
    }
}
