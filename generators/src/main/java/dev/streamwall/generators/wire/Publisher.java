package dev.streamwall.generators.wire;

import java.util.Map;

/** A generator sending a stream to Kafka, as those who start, watch and stop it see it. */
public interface Publisher extends Runnable {

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

    /** Records sent per transport fault (those sent intact under {@link WireFault#NONE}). */
    Map<WireFault, Long> sentByFault();

    /**
     * Runs to the end in the calling thread and throws if a send or the simulation failed: for
     * callers that need every record in Kafka before they go on.
     */
    default void runToEnd() {
        run();
        if (failure() != null) {
            throw new IllegalStateException("publishing failed: " + failure(), failure());
        }
    }
}
