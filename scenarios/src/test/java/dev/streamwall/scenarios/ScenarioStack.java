package dev.streamwall.scenarios;

import dev.streamwall.common.job.JobOptions;
import dev.streamwall.common.job.StreamwallJob;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.JobStack;
import dev.streamwall.generators.wire.Simulation;
import dev.streamwall.generators.wire.WireFormat;

/**
 * A job's test stack as the shared scenarios ({@link FaultDrillCase}, {@link SavepointUpgradeCase},
 * {@link TimescaleCase}) use it: the input it was given (a simulated race, plant or city),
 * published whole or in ranges, its main output and the tables its results are in.
 *
 * @param <O> the job's options
 */
public abstract class ScenarioStack<O extends JobOptions> extends JobStack<O> {

    private String input;
    private String mainOutput;
    private String[] tables;

    protected ScenarioStack(EmbeddedInfra infra, StreamwallJob<O> job, String jdbcUrl) {
        super(infra, job, jdbcUrl);
    }

    /**
     * Names the stack's input topic, its main output topic and its result tables, each followed by
     * the columns that order it (a table ordered by {@code ""} is compared by row count): what two
     * runs of the same input must agree on. Called once, by the constructor.
     */
    protected final void scenario(String input, String mainOutput, String... tables) {
        this.input = input;
        this.mainOutput = mainOutput;
        this.tables = tables;
    }

    /** The topic the input goes to. */
    public final String input() {
        return input;
    }

    /** The job's main output topic, compared record for record after crashes. */
    public final String mainOutput() {
        return mainOutput;
    }

    /** The result tables and their ordering columns (see {@link #scenario}). */
    public final String[] tables() {
        return tables;
    }

    /** The number of input records. */
    public abstract long events();

    /** Publishes the whole input, as fast as possible, and waits until Kafka has every record. */
    public abstract ScenarioStack<O> publishAll();

    /** Publishes input records {@code [from, from + count)}, in order, one partition at a time. */
    public abstract void publishRange(long from, long count);

    /** {@link #publishRange} of a simulation's records in their wire format. */
    protected final <T> void publishRange(
            Simulation<T> simulation, WireFormat<T> format, long from, long count) {
        InOrder.publish(infra, input, simulation, format, from, count);
    }
}
