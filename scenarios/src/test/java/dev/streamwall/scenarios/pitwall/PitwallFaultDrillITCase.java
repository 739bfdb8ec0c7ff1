package dev.streamwall.scenarios.pitwall;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.scenarios.FaultDrillCase;
import java.time.Instant;

/** The fault drill on a short race with every fault the simulator injects. */
class PitwallFaultDrillITCase extends FaultDrillCase<PitwallStack> {

    private static final RaceConfig RACE =
            RaceConfig.builder()
                    .seed(47)
                    .raceId("drill-47")
                    .startTime(Instant.parse("2026-07-05T14:00:00Z"))
                    // Eight cars: the first four hash to two of the four partitions only.
                    .cars(8)
                    .laps(4)
                    .sampleHz(10)
                    .allFaults()
                    .build();

    PitwallFaultDrillITCase() {
        super("speed", "team", "telemetry");
    }

    @Override
    protected PitwallStack stack(EmbeddedInfra infra) {
        return new PitwallStack(infra).with(RACE);
    }
}
