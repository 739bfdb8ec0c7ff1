package dev.streamwall.generators.f1;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The race as a Flink {@link GeneratorFunction}: the {@code n}-th call returns the race's {@code
 * n}-th sample, so a {@link DataGeneratorSource} replays the same race the Kafka publisher sends.
 *
 * <p>Use the source with parallelism 1. The race is one sequential simulation: a reader that starts
 * at index {@code i} (after a restore, or as a second parallel reader) has to simulate the race up
 * to sample {@code i} first, and parallel readers would interleave samples out of event-time order.
 * Results stay correct at any parallelism; only the cost and the order suffer.
 */
public class F1TelemetryGenerator implements GeneratorFunction<Long, Telemetry> {
    private static final long serialVersionUID = 1L;

    private final RaceConfig config;
    private transient RaceSimulator simulator;
    private transient long nextIndex;

    public F1TelemetryGenerator(RaceConfig config) {
        this.config = config;
    }

    /** A bounded source of exactly the race's samples, unthrottled. */
    public static DataGeneratorSource<Telemetry> source(RaceConfig config) {
        return new DataGeneratorSource<>(
                new F1TelemetryGenerator(config),
                RaceSimulator.countEvents(config),
                TypeInformation.of(Telemetry.class));
    }

    /** A bounded source of exactly the race's samples, throttled to {@code samplesPerSecond}. */
    public static DataGeneratorSource<Telemetry> source(
            RaceConfig config, double samplesPerSecond) {
        return new DataGeneratorSource<>(
                new F1TelemetryGenerator(config),
                RaceSimulator.countEvents(config),
                RateLimiterStrategy.perSecond(samplesPerSecond),
                TypeInformation.of(Telemetry.class));
    }

    /** The number of samples the race produces, which is the source's count. */
    public static long eventCount(RaceConfig config) {
        return RaceSimulator.countEvents(config);
    }

    public RaceConfig config() {
        return config;
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        restart();
    }

    @Override
    public Telemetry map(Long index) {
        long i = index;
        if (simulator == null || i < nextIndex) {
            restart();
        }
        if (i > nextIndex) {
            simulator.skip(i - nextIndex);
            nextIndex = i;
        }
        if (!simulator.hasNext()) {
            throw new IllegalStateException(
                    "sample "
                            + i
                            + " asked for, but race "
                            + config.raceId()
                            + " has only "
                            + nextIndex);
        }
        nextIndex++;
        return simulator.next();
    }

    private void restart() {
        simulator = new RaceSimulator(config);
        nextIndex = 0;
    }
}
