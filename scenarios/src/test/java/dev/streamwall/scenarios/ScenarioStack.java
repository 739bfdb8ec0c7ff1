package dev.streamwall.scenarios;

/**
 * What the shared scenarios ({@link FaultDrillCase}, {@link SavepointUpgradeCase}, {@link
 * TimescaleCase}) ask of a job's test stack: the input it was given (a simulated race, plant or
 * city), published whole or in ranges, its main output and the tables its results are in.
 */
public interface ScenarioStack {

    /** The topic the input goes to. */
    String input();

    /** The job's main output topic, compared record for record after crashes. */
    String mainOutput();

    /**
     * The tables that hold the job's results, each followed by the columns that order it (a table
     * ordered by {@code ""} is compared by row count): what two runs of the same input must agree
     * on.
     */
    String[] tables();

    /** The number of input records. */
    long events();

    /** Publishes the whole input, as fast as possible, and waits until Kafka has every record. */
    ScenarioStack publishAll();

    /** Publishes input records {@code [from, from + count)}, in order, one partition at a time. */
    void publishRange(long from, long count);
}
