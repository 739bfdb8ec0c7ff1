package dev.streamwall.scenarios.factory;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.factory.PlantSimulator;
import dev.streamwall.generators.factory.PlantWireFormat;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.scenarios.FaultDrillCase;
import dev.streamwall.scenarios.InOrder;
import java.time.Duration;
import java.time.Instant;

/** The fault drill on a plant with a wearing bearing. */
class FactoryFaultDrillITCase extends FaultDrillCase<FactoryStack> {

    private static final PlantConfig PLANT =
            PlantConfig.defaults()
                    .withSeed(9)
                    .withMachines(6)
                    .withStart(Instant.parse("2026-03-02T05:00:00Z"))
                    .withDuration(Duration.ofMinutes(90))
                    .withFaults("bearing_wear@M01+15m");

    FactoryFaultDrillITCase() {
        super("value", "machine", "sensor_readings", FactoryStack.TABLES);
    }

    @Override
    protected FactoryStack publishAll(EmbeddedInfra infra) {
        return new FactoryStack(infra).publish(PLANT, TransportFaults.NONE);
    }

    @Override
    protected FactoryStack freshStack(EmbeddedInfra infra) {
        return new FactoryStack(infra);
    }

    @Override
    protected String input(FactoryStack stack) {
        return stack.readings;
    }

    @Override
    protected long events(FactoryStack reference) {
        return PlantSimulator.countEvents(PLANT);
    }

    @Override
    protected void publish(FactoryStack stack, long from, long count) {
        InOrder.publish(
                stack.infra,
                stack.readings,
                new PlantSimulator(PLANT, stack.labels),
                PlantWireFormat.INSTANCE,
                from,
                count);
    }

    @Override
    protected String outputTopic(FactoryStack stack) {
        return stack.anomalies;
    }
}
