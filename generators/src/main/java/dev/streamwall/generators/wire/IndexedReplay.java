package dev.streamwall.generators.wire;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A sequential simulation as a Flink {@link GeneratorFunction}: the {@code n}-th call returns the
 * simulation's {@code n}-th record, so a {@link DataGeneratorSource} replays exactly what the Kafka
 * publisher sends.
 *
 * <p>Use the source with parallelism 1. A simulation moves all its keys together: a reader that
 * starts at index {@code i} (after a restore, or as a second parallel reader) simulates up to
 * record {@code i} first, and parallel readers would interleave records out of event-time order.
 * Results stay correct at any parallelism; only the cost and the order suffer.
 *
 * @param <T> the simulation's records
 */
public abstract class IndexedReplay<T> implements GeneratorFunction<Long, T> {
    private static final long serialVersionUID = 1L;

    /** A simulation's records in order. */
    public interface Source<T> {
        boolean hasNext();

        T next();

        /** Moves past {@code n} records; one by one unless the simulation can do better. */
        default void skip(long n) {
            for (long k = 0; k < n; k++) {
                next();
            }
        }
    }

    private transient Source<T> simulation;
    private transient long nextIndex;

    /** The simulation from its first record. */
    protected abstract Source<T> start();

    /** What the simulation is, for the error that an index past its end raises. */
    protected abstract String describe();

    @Override
    public void open(SourceReaderContext readerContext) {
        restart();
    }

    @Override
    public T map(Long index) {
        long i = index;
        if (simulation == null || i < nextIndex) {
            restart();
        }
        if (i > nextIndex) {
            simulation.skip(i - nextIndex);
            nextIndex = i;
        }
        if (!simulation.hasNext()) {
            throw new IllegalStateException(
                    "record " + i + " asked for, but " + describe() + " has only " + nextIndex);
        }
        nextIndex++;
        return simulation.next();
    }

    private void restart() {
        simulation = start();
        nextIndex = 0;
    }
}
