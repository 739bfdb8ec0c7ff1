package dev.streamwall.scenarios.factory;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.scenarios.FaultDrillCase;
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
        super("value", "machine", "sensor_readings");
    }

    @Override
    protected FactoryStack stack(EmbeddedInfra infra) {
        return new FactoryStack(infra).with(PLANT, TransportFaults.NONE);
    }
}
