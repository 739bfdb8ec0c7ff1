package dev.streamwall.generators.city;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The city as a Flink {@link GeneratorFunction}: the {@code n}-th call returns the city's {@code
 * n}-th reading, so a {@link DataGeneratorSource} replays exactly what the Kafka publisher sends.
 * Use it with parallelism 1: the city is one sequential simulation.
 */
public class CityGenerator implements GeneratorFunction<Long, RoadReading> {
    private static final long serialVersionUID = 1L;

    private final CityConfig config;
    private transient CitySimulator simulator;
    private transient long nextIndex;

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
    public void open(SourceReaderContext readerContext) {
        restart();
    }

    @Override
    public RoadReading map(Long index) {
        long i = index;
        if (simulator == null || i < nextIndex) {
            restart();
        }
        while (nextIndex < i) {
            simulator.next();
            nextIndex++;
        }
        nextIndex++;
        return simulator.next();
    }

    private void restart() {
        simulator = new CitySimulator(config, CitySimulator.DEFAULT_TRUTH_TOPIC, null);
        nextIndex = 0;
    }
}
