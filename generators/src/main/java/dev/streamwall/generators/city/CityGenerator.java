package dev.streamwall.generators.city;

import dev.streamwall.generators.wire.IndexedReplay;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/**
 * The city as a Flink generator function ({@link IndexedReplay}): the {@code n}-th call returns the
 * city's {@code n}-th reading. Use its source with parallelism 1.
 */
public class CityGenerator extends IndexedReplay<RoadReading> {
    private static final long serialVersionUID = 1L;

    private final CityConfig config;

    public CityGenerator(CityConfig config) {
        this.config = config;
    }

    /** Readings in a run: two sensors per road every step. */
    public static long countEvents(CityConfig config) {
        long steps = config.duration().toMillis() / config.step().toMillis();
        return steps * 2L * config.network().roads().size();
    }

    /** A bounded source of exactly the city's readings, unthrottled. */
    public static DataGeneratorSource<RoadReading> source(CityConfig config) {
        return new DataGeneratorSource<>(
                new CityGenerator(config),
                countEvents(config),
                TypeInformation.of(RoadReading.class));
    }

    @Override
    protected CitySimulator start() {
        return new CitySimulator(config, CitySimulator.DEFAULT_TRUTH_TOPIC, null);
    }

    @Override
    protected String describe() {
        return "the city";
    }
}
