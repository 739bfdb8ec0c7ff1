package dev.streamwall.generators.f1;

import dev.streamwall.generators.wire.IndexedReplay;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/**
 * The race as a Flink generator function ({@link IndexedReplay}): the {@code n}-th call returns the
 * race's {@code n}-th sample. Use its source with parallelism 1.
 */
public class F1TelemetryGenerator extends IndexedReplay<Telemetry> {
    private static final long serialVersionUID = 1L;

    private final RaceConfig config;

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
    protected RaceSimulator start() {
        return new RaceSimulator(config);
    }

    @Override
    protected String describe() {
        return "race " + config.raceId();
    }
}
