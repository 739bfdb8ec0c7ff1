package dev.streamwall.generators.wire;

import java.util.List;

/**
 * A deterministic simulation that yields sensor records in event-time order, plus side records
 * (labels, ground truth) as they become due.
 *
 * @param <T> the sensor record type
 */
public interface Simulation<T> {

    /** Simulated time of the first record, epoch ms; pacing counts from here. */
    long startTime();

    boolean hasNext();

    T next();

    /** Side records that became due up to the last record returned by {@link #next()}. */
    List<SideRecord> pollSideRecords();
}
