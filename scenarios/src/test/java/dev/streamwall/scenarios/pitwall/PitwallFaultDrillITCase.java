package dev.streamwall.scenarios.pitwall;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulation;
import dev.streamwall.generators.f1.TelemetryWireFormat;
import dev.streamwall.scenarios.FaultDrillCase;
import dev.streamwall.scenarios.InOrder;
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
        super("speed", "team", "telemetry", PitwallStack.TABLES);
    }

    @Override
    protected PitwallStack publishAll(EmbeddedInfra infra) {
        return new PitwallStack(infra).publish(RACE);
    }

    @Override
    protected PitwallStack freshStack(EmbeddedInfra infra) {
        return new PitwallStack(infra);
    }

    @Override
    protected String input(PitwallStack stack) {
        return stack.telemetry;
    }

    @Override
    protected long events(PitwallStack reference) {
        return reference.publisher.eventsSent();
    }

    @Override
    protected void publish(PitwallStack stack, long from, long count) {
        InOrder.publish(
                stack.infra,
                stack.telemetry,
                new RaceSimulation(RACE, stack.labels),
                TelemetryWireFormat.INSTANCE,
                from,
                count);
    }

    @Override
    protected String outputTopic(PitwallStack stack) {
        return stack.laps;
    }
}
