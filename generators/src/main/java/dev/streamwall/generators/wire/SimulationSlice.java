package dev.streamwall.generators.wire;

import java.util.List;

/**
 * Records {@code [from, from + count)} of a simulation, with the side records that become due
 * meanwhile: for sending a stream in parts, such as half before a job upgrade and half after.
 *
 * @param <T> the record type
 */
public final class SimulationSlice<T> implements Simulation<T> {
    private final Simulation<T> sim;
    private long left;

    public SimulationSlice(Simulation<T> sim, long from, long count) {
        this.sim = sim;
        for (long i = 0; i < from && sim.hasNext(); i++) {
            sim.next();
        }
        if (from > 0) {
            // Side records of the skipped part went out with it; the first slice keeps its own.
            sim.pollSideRecords();
        }
        this.left = count;
    }

    @Override
    public long startTime() {
        return sim.startTime();
    }

    @Override
    public boolean hasNext() {
        return left > 0 && sim.hasNext();
    }

    @Override
    public T next() {
        left--;
        return sim.next();
    }

    @Override
    public List<SideRecord> pollSideRecords() {
        return sim.pollSideRecords();
    }
}
