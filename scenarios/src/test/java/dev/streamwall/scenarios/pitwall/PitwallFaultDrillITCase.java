package dev.streamwall.scenarios.pitwall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwall.embedded.ConsumedRecord;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.scenarios.FaultDrillCase;
import dev.streamwall.wire.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fault drill on a short race with every fault the simulator injects, provisional laps and
 * calls on: the laps too must come through the kills, the outage and the broker's restart as in the
 * clean run.
 */
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
        return new PitwallStack(infra).with(RACE).withProvisionalLaps();
    }

    /**
     * Provisional laps are sent at least once, so a restart may send a lap again, but never another
     * lap: the drill's are the clean run's, each at least once. And every final lap had its
     * provisional one, under the same key.
     */
    @Override
    protected void alsoTheSame(PitwallStack reference, PitwallStack drill) throws Exception {
        Map<String, TreeSet<String>> clean = byKey(reference.consumeAll(reference.provisionalLaps));
        List<ConsumedRecord> sent = drill.consumeAll(drill.provisionalLaps);
        Map<String, TreeSet<String>> drilled = byKey(sent);
        assertThat(clean).as("provisional laps of the clean run").isNotEmpty();
        clean.forEach(
                (key, laps) ->
                        assertThat(laps)
                                .as("provisional lap " + key + " in the clean run")
                                .hasSize(1));
        assertThat(drilled).as("provisional laps after the faults").isEqualTo(clean);
        List<String> finalLaps =
                drill.query("SELECT race_id, car, lap FROM laps").stream()
                        .map(r -> r.get("race_id") + "/" + r.get("car") + "/" + r.get("lap"))
                        .toList();
        assertThat(clean.keySet())
                .as("a provisional lap for each final one")
                .containsAll(finalLaps);
        System.out.printf(
                "%s: %d provisional laps in the clean run, %d records of them after the faults"
                        + " (%d final laps)%n",
                getClass().getSimpleName(), clean.size(), sent.size(), finalLaps.size());

        // Provisional calls count the field's stops in arrival order, which a restart can
        // change: checked to run through the faults, compared only in the log.
        List<String> finalCalls =
                drill.query("SELECT car, lap, call FROM strategy_decisions").stream()
                        .map(r -> r.get("car") + "/" + r.get("lap") + "/" + r.get("call"))
                        .toList();
        TreeSet<String> early = new TreeSet<>();
        for (ConsumedRecord r : drill.consumeAll(drill.provisionalCalls)) {
            JsonNode call = Json.MAPPER.readTree(r.value());
            early.add(
                    call.get("car").asInt()
                            + "/"
                            + call.get("lap").asInt()
                            + "/"
                            + call.get("call").asText());
        }
        assertThat(finalCalls).as("the drill's calls").isNotEmpty();
        assertThat(early).as("provisional calls after the faults").isNotEmpty();
        System.out.printf(
                "%s: %d provisional calls after the faults, %d of the %d final calls among them%n",
                getClass().getSimpleName(),
                early.size(),
                finalCalls.stream().filter(early::contains).count(),
                finalCalls.size());
        // Provisional alerts: every type of rule they run whose alerts the drill raised.
        List<String> finalAlerts =
                drill
                        .query(
                                "SELECT DISTINCT alert_id FROM alerts WHERE type IN"
                                        + " ('BRAKE_OVERHEAT', 'ENGINE_OVERHEAT', 'STUCK_SENSOR')")
                        .stream()
                        .map(r -> (String) r.get("alert_id"))
                        .toList();
        TreeSet<String> earlyAlerts = new TreeSet<>();
        for (ConsumedRecord r : drill.consumeAll(drill.provisionalAlerts)) {
            earlyAlerts.add(Json.MAPPER.readTree(r.value()).get("alert_id").asText());
        }
        assertThat(earlyAlerts.isEmpty())
                .as("provisional alerts after the faults, when there are final ones")
                .isEqualTo(finalAlerts.isEmpty());
        System.out.printf(
                "%s: %d provisional alerts after the faults, %d of the %d final alerts of their"
                        + " rules among them%n",
                getClass().getSimpleName(),
                earlyAlerts.size(),
                finalAlerts.stream().filter(earlyAlerts::contains).count(),
                finalAlerts.size());
    }

    /** The distinct values of each lap, by race, car and lap. */
    private static Map<String, TreeSet<String>> byKey(List<ConsumedRecord> records)
            throws Exception {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        for (ConsumedRecord r : records) {
            JsonNode lap = Json.MAPPER.readTree(r.value());
            String key =
                    lap.get("race_id").asText()
                            + "/"
                            + lap.get("car").asInt()
                            + "/"
                            + lap.get("lap").asInt();
            out.computeIfAbsent(key, k -> new TreeSet<>()).add(r.value());
        }
        return out;
    }
}
