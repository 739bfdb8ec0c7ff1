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
 * @param <S> the simulation
 * @param <T> its records
 */
public abstract class IndexedReplay<S, T> implements GeneratorFunction<Long, T> {
    private static final long serialVersionUID = 1L;

    private transient S simulation;
    private transient long nextIndex;

    /** The simulation from its first record. */
    protected abstract S start();

    protected abstract boolean hasNext(S simulation);

    protected abstract T next(S simulation);

    /** Moves past {@code n} records; one by one unless the simulation can do better. */
    protected void skip(S simulation, long n) {
        for (long k = 0; k < n; k++) {
            next(simulation);
        }
    }

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
            skip(simulation, i - nextIndex);
            nextIndex = i;
        }
        if (!hasNext(simulation)) {
            throw new IllegalStateException(
                    "record " + i + " asked for, but " + describe() + " has only " + nextIndex);
        }
        nextIndex++;
        return next(simulation);
    }

    private void restart() {
        simulation = start();
        nextIndex = 0;
    }
}
