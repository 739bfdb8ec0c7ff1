package dev.streamwall.generators.factory;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The plant as a Flink {@link GeneratorFunction}: the {@code n}-th call returns the plant's {@code
 * n}-th reading, so a {@link DataGeneratorSource} replays exactly what the Kafka publisher sends.
 * Use it with parallelism 1: the plant is one sequential simulation.
 */
public class PlantGenerator implements GeneratorFunction<Long, SensorReading> {
    private static final long serialVersionUID = 1L;

    private final PlantConfig config;
    private transient PlantSimulator simulator;
    private transient long nextIndex;

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
    public void open(SourceReaderContext readerContext) {
        restart();
    }

    @Override
    public SensorReading map(Long index) {
        long i = index;
        if (simulator == null || i < nextIndex) {
            restart();
        }
        if (i > nextIndex) {
            simulator.skip(i - nextIndex);
            nextIndex = i;
        }
        nextIndex++;
        return simulator.next();
    }

    private void restart() {
        simulator = new PlantSimulator(config);
        nextIndex = 0;
    }
}
