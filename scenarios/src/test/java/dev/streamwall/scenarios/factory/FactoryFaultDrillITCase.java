package dev.streamwall.scenarios.factory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.ConsumedRecord;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.scenarios.FaultDrillCase;
import dev.streamwall.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The fault drill on a plant with a wearing bearing and an overheating, provisional alerts on. */
class FactoryFaultDrillITCase extends FaultDrillCase<FactoryStack> {

    private static final PlantConfig PLANT =
            PlantConfig.defaults()
                    .withSeed(9)
                    .withMachines(6)
                    .withStart(Instant.parse("2026-03-02T05:00:00Z"))
                    .withDuration(Duration.ofMinutes(90))
                    .withFaults("bearing_wear@M01+15m,overheating@M02+30m");

    FactoryFaultDrillITCase() {
        super("value", "machine", "sensor_readings");
    }

    @Override
    protected FactoryStack stack(EmbeddedInfra infra) {
        return new FactoryStack(infra).with(PLANT, TransportFaults.NONE).withProvisionalAlerts();
    }

    /**
     * Provisional alerts are sent at least once, so a restart may send a match again, but never
     * another one: after the faults they carry the clean run's ids, among them every final alert of
     * the rules they run.
     */
    @Override
    protected void alsoTheSame(FactoryStack reference, FactoryStack drill) throws Exception {
        Set<String> clean = ids(reference);
        List<String> finals =
                drill
                        .query(
                                "SELECT DISTINCT alert_id FROM maintenance_alerts"
                                        + " WHERE type <> 'PREDICTIVE_MAINTENANCE'")
                        .stream()
                        .map(r -> (String) r.get("alert_id"))
                        .toList();
        assertThat(finals).as("the overheating's final alert").isNotEmpty();
        assertThat(clean).as("provisional alerts of the clean run").containsAll(finals);
        assertThat(ids(drill)).as("provisional alerts after the faults").isEqualTo(clean);
    }

    private static Set<String> ids(FactoryStack stack) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (ConsumedRecord r : stack.consumeAll(stack.provisionalAlerts)) {
            ids.add(Json.MAPPER.readTree(r.value()).path("alert_id").asText());
        }
        return ids;
    }
}
