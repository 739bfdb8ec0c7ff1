package dev.streamwall.generators.wire;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A simulation's publisher as its users see it: a facade over the {@link WirePublisher} that sends
 * its records (main topic) and labels (side topic), with the counters read while it runs.
 *
 * @param <T> the simulation's record type
 */
public abstract class SimulationPublisher<T> implements Publisher {

    /** The publisher doing the sending. */
    protected final WirePublisher<T> wire;

    protected SimulationPublisher(WirePublisher<T> wire) {
        this.wire = Objects.requireNonNull(wire);
    }

    /** Runs on the caller's thread and returns when done. */
    @Override
    public void run() {
        wire.run();
    }

    /** Asks the run to stop after the current record; held-back records are still flushed. */
    @Override
    public void stop() {
        wire.stop();
    }

    /** Waits for a run started on its own thread to end; true if it ended in time. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return wire.awaitTermination(timeout);
    }

    public boolean isRunning() {
        return wire.isRunning();
    }

    @Override
    public boolean isFinished() {
        return wire.isFinished();
    }

    @Override
    public Throwable failure() {
        return wire.failure();
    }

    @Override
    public long eventsSent() {
        return wire.eventsSent();
    }

    @Override
    public long recordsSent() {
        return wire.recordsSent();
    }

    @Override
    public long malformedSent() {
        return wire.malformedSent();
    }

    /** Labels sent to the labels topic. */
    public long labelsSent() {
        return wire.sideRecordsSent();
    }

    @Override
    public Map<WireFault, Long> sentByFault() {
        return wire.sentByFault();
    }

    /** Event time of the latest record sent, epoch ms. */
    public long currentTs() {
        return wire.currentTs();
    }

    /** Wall-clock time the run took (or has taken so far), ms. */
    public long elapsedMs() {
        return wire.elapsedMs();
    }
}
