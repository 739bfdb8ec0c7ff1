package dev.streamwall.generators.factory;

import dev.streamwall.generators.wire.IndexedReplay;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/**
 * The plant as a Flink generator function ({@link IndexedReplay}): the {@code n}-th call returns
 * the plant's {@code n}-th reading. Use its source with parallelism 1.
 */
public class PlantGenerator extends IndexedReplay<SensorReading> {
    private static final long serialVersionUID = 1L;

    private final PlantConfig config;

    public PlantGenerator(PlantConfig config) {
        this.config = config;
    }

    /** A bounded source of exactly the plant's readings, unthrottled. */
    public static DataGeneratorSource<SensorReading> source(PlantConfig config) {
        return new DataGeneratorSource<>(
                new PlantGenerator(config),
                PlantSimulator.countEvents(config),
                TypeInformation.of(SensorReading.class));
    }

    @Override
    protected PlantSimulator start() {
        return new PlantSimulator(config);
    }

    @Override
    protected String describe() {
        return "the plant";
    }
}
