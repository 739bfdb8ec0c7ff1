package dev.streamwall.scenarios.cityflow;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.scenarios.FaultDrillCase;
import java.time.Duration;
import java.time.Instant;

/** The fault drill on a morning rush hour with an incident on the avenue. */
class CityflowFaultDrillITCase extends FaultDrillCase<CityflowStack> {

    private static final CityConfig CITY =
            CityConfig.defaults()
                    .withStart(Instant.parse("2026-03-03T07:20:00Z"))
                    .withDuration(Duration.ofMinutes(35))
                    .withIncidents("R20@10m+15m/2", 0);

    CityflowFaultDrillITCase() {
        super("speed", "road", "traffic_raw");
    }

    @Override
    protected CityflowStack stack(EmbeddedInfra infra) {
        return new CityflowStack(infra).with(CITY, TransportFaults.NONE);
    }
}
