package dev.streamwall.scenarios.cityflow;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.city.CityGenerator;
import dev.streamwall.generators.city.CitySimulator;
import dev.streamwall.generators.city.CityWireFormat;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.scenarios.FaultDrillCase;
import dev.streamwall.scenarios.InOrder;
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
        super("speed", "road", "traffic_raw", CityflowStack.TABLES);
    }

    @Override
    protected CityflowStack publishAll(EmbeddedInfra infra) {
        return new CityflowStack(infra).publish(CITY, TransportFaults.NONE);
    }

    @Override
    protected CityflowStack freshStack(EmbeddedInfra infra) {
        return new CityflowStack(infra);
    }

    @Override
    protected String input(CityflowStack stack) {
        return stack.readings;
    }

    @Override
    protected long events(CityflowStack reference) {
        return CityGenerator.countEvents(CITY);
    }

    @Override
    protected void publish(CityflowStack stack, long from, long count) {
        InOrder.publish(
                stack.infra,
                stack.readings,
                new CitySimulator(CITY, stack.truth, stack.roads),
                CityWireFormat.INSTANCE,
                from,
                count);
    }

    @Override
    protected String outputTopic(CityflowStack stack) {
        return stack.predictions;
    }
}
