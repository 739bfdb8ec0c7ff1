package dev.streamwall.runner;

import dev.streamwall.generators.wire.Publisher;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One job's part of {@code streamwall demo}: its topics, its graph, its generator and its board.
 * {@link DemoRunner} does the rest (embedded servers, the MiniCluster, the loop, stop with a
 * savepoint, the summary).
 */
public interface DemoJob {

    /** The job's name, as in {@code dead_letters.job}: pitwall, cityflow or factory. */
    String name();

    /** What is about to run, for the first line: the simulated race, city or plant. */
    String describe();

    /** The Kafka topics the generator and the job use, with their partition counts. */
    Map<String, Integer> topics();

    /**
     * Parses the job's options for these endpoints, migrates the database and adds the job's graph
     * to {@code env}.
     *
     * @return the Flink job name
     */
    String build(StreamExecutionEnvironment env, DemoEndpoints endpoints) throws Exception;

    /**
     * Starts the generator into Kafka at {@code speed} times real time (0: as fast as possible).
     */
    Generator startGenerator(DemoEndpoints endpoints, double speed) throws Exception;

    /** What the generator's events are called in the summary: samples, readings. */
    default String events() {
        return "samples";
    }

    /**
     * Operators whose {@code events_in} counts records that are not the generator's events (the
     * road graph's records in cityflow): left out of the summary's count of events processed.
     */
    default Set<String> sideInputOperators() {
        return Set.of();
    }

    /** Opens the board on the job's tables. */
    Board openBoard(DemoEndpoints endpoints) throws SQLException;

    /**
     * A running generator, as the demo loop sees it: its publisher, and where the simulation is in
     * a few words ("leader lap 12/52", "sim 07:42").
     */
    record Generator(Publisher publisher, Supplier<String> progress) {
        public static Generator of(Publisher publisher, Supplier<String> progress) {
            return new Generator(publisher, progress);
        }
    }

    /** The live board, read from PostgreSQL. */
    interface Board extends AutoCloseable {

        /** The whole screen: {@code header} first, lines no wider than {@code width}. */
        List<String> render(String header, int width) throws SQLException;

        /** A short status for the progress line printed instead of the board (no terminal). */
        String status() throws SQLException;

        /** Called with every scrape of the Prometheus reporter (about once a second). */
        default void observe(String metrics) {}

        /** The job's own lines of the closing summary, label → value, in order. */
        Map<String, String> summary(String metrics) throws SQLException;

        @Override
        void close() throws SQLException;
    }
}
