package dev.streamwall.generators.wire;

import java.util.List;

/**
 * A deterministic simulation that yields sensor records in event-time order, plus side records
 * (labels, ground truth) as they become due.
 *
 * @param <T> the sensor record type
 */
public interface Simulation<T> extends IndexedReplay.Source<T> {

    /** Simulated time of the first record, epoch ms; pacing counts from here. */
    long startTime();

    @Override
    boolean hasNext();

    @Override
    T next();

    /** Side records that became due up to the last record returned by {@link #next()}. */
    List<SideRecord> pollSideRecords();
}
