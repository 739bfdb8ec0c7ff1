package dev.streamwall.generators.wire;

/** A generator sending a stream to Kafka, as those who start, watch and stop it see it. */
public interface Publisher {

    /** Asks the run to stop after the current record. */
    void stop();

    /** True once the run has ended, normally, stopped or failed. */
    boolean isFinished();

    /** The first send or simulation error, or null. */
    Throwable failure();

    /** Records taken from the simulation and sent (each once, whatever its transport fault). */
    long eventsSent();

    /** Records sent to the sensor topic: originals, duplicates and malformed extras. */
    long recordsSent();

    /** Malformed records sent. */
    long malformedSent();
}
