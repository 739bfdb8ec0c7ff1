package dev.streamwall.scenarios.cityflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.ConsumedRecord;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.scenarios.FaultDrillCase;
import dev.streamwall.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fault drill on a morning rush hour with an incident on the avenue, provisional forecasts on.
 */
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
        return new CityflowStack(infra)
                .with(CITY, TransportFaults.NONE)
                .withProvisionalPredictions();
    }

    /**
     * Provisional forecasts are sent at least once and from readings in arrival order, which a
     * restart can change: after the faults they forecast the same road minutes as the clean run,
     * each road's minutes but its last.
     */
    @Override
    protected void alsoTheSame(CityflowStack reference, CityflowStack drill) throws Exception {
        Set<String> clean = roadMinutes(reference);
        Set<String> drilled = roadMinutes(drill);
        long finals = drill.count("SELECT count(*) FROM predictions");
        assertThat(clean)
                .as("provisional road minutes of the clean run")
                .hasSize((int) finals - 52);
        assertThat(drilled).as("provisional road minutes after the faults").isEqualTo(clean);
    }

    private static Set<String> roadMinutes(CityflowStack stack) throws Exception {
        Set<String> keys = new TreeSet<>();
        for (ConsumedRecord r : stack.consumeAll(stack.provisionalPredictions)) {
            var f = Json.MAPPER.readTree(r.value());
            keys.add(f.path("road").asText() + "@" + f.path("ts").asLong());
        }
        return keys;
    }
}
