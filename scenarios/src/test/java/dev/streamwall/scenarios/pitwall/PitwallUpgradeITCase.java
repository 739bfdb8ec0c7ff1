package dev.streamwall.scenarios.pitwall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.ConsumedRecord;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.Eventually;
import dev.streamwall.embedded.KafkaTestUtils;
import dev.streamwall.embedded.UpgradeScenario;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.scenarios.PreChangeSavepoint;
import dev.streamwall.scenarios.SavepointUpgradeCase;
import dev.streamwall.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A savepoint upgrade as users do it: the job runs on half a race, stops with a savepoint, and a
 * changed job (another pit-loss threshold, same uids) resumes from it on the rest. Its laps,
 * stints, degradation fits and alerts must equal those of one uninterrupted run, with every lap
 * written exactly once.
 */
class PitwallUpgradeITCase extends SavepointUpgradeCase<PitwallStack> {

    private static final int CARS = 5;
    private static final int LAPS = 8;

    private static final Instant START = Instant.parse("2026-07-05T14:00:00Z");

    private static final RaceConfig RACE =
            RaceConfig.builder()
                    .seed(31)
                    .raceId("upgrade-31")
                    .startTime(START)
                    .cars(CARS)
                    .laps(LAPS)
                    .sampleHz(10)
                    .allFaults()
                    .build();

    /** What the strategy keeps per car in state: stint, tyre age and the degradation fit. */
    private static final String STINT_STATE =
            "SELECT car, lap, stint, tyre_compound, tyre_age, degradation_per_lap, laps_to_cliff"
                    + " FROM stint_outlook WHERE trigger = 'LAP' ORDER BY car, lap";

    PitwallUpgradeITCase() {
        super("pitwall");
    }

    @Override
    protected PitwallStack stack(EmbeddedInfra infra) {
        return new PitwallStack(infra).with(RACE);
    }

    @Override
    protected void upgrade(EmbeddedInfra infra, PitwallStack reference, PreChangeSavepoint from)
            throws Exception {
        long samples = reference.publisher.eventsSent();
        long laps = reference.count("SELECT count(*) FROM laps");
        assertThat(laps).isEqualTo(CARS * LAPS);

        PitwallStack upgraded =
                new PitwallStack(
                                infra,
                                from == null ? null : from.topic("telemetry"),
                                infra.freshDatabase())
                        .with(RACE);
        UpgradeScenario upgrade = new UpgradeScenario(upgraded, samples, upgraded::publishRange);
        long half = samples / 2;
        // Everything published is processed (the last seconds wait in event-time buffers).
        String savepoint =
                upgrade.runAndStop(
                        half,
                        () ->
                                upgraded.count("SELECT count(*) FROM telemetry")
                                        >= half - CARS * 10 * 5);
        assertThat(upgraded.count("SELECT count(*) FROM laps"))
                .as("laps closed before the upgrade")
                .isBetween((long) CARS, laps - CARS);
        // The rest of the race arrives while the job is down.
        upgrade.resume(
                resumeFrom(from, savepoint),
                half,
                () ->
                        Eventually.waitFor(
                                () ->
                                        upgraded.count("SELECT count(*) FROM laps") >= laps
                                                && upgraded.count(
                                                                "SELECT count(*) FROM stint_outlook"
                                                                        + " WHERE trigger = 'LAP'")
                                                        >= laps,
                                Duration.ofSeconds(120)),
                "--pit-loss",
                "24");

        // Laps continue where they were: numbering, tyre ages, wear, fuel and gaps.
        assertThat(upgraded.fingerprint("laps", "race_id, car, lap"))
                .isEqualTo(reference.fingerprint("laps", "race_id, car, lap"));
        // The strategy's state continued: stints, tyre age and the degradation fit over the whole
        // stint, not one restarted at the upgrade.
        assertThat(upgraded.query(STINT_STATE)).isEqualTo(reference.query(STINT_STATE));
        // Alert state (CEP partial matches and open alerts) continued: the same alerts.
        assertSameRows(
                upgraded,
                reference,
                "SELECT alert_id, ts, type, car FROM alerts ORDER BY alert_id");

        // No gaps and no duplicates across the upgrade, in the table and on the laps topic.
        assertThat(
                        upgraded.query(
                                "SELECT car, count(*) AS n, min(lap) AS first, max(lap) AS last"
                                        + " FROM laps GROUP BY car HAVING count(*) <> ?"
                                        + " OR count(DISTINCT lap) <> ? OR min(lap) <> 1 OR max(lap) <> ?",
                                LAPS,
                                LAPS,
                                LAPS))
                .isEmpty();
        List<ConsumedRecord> published =
                KafkaTestUtils.consume(
                        infra.bootstrapServers(),
                        upgraded.laps,
                        (int) laps,
                        Duration.ofSeconds(30));
        Map<String, Integer> perLap = new HashMap<>();
        for (ConsumedRecord r : published) {
            LapSummary lap = Json.MAPPER.readValue(r.value(), LapSummary.class);
            perLap.merge(lap.car + "/" + lap.lap, 1, Integer::sum);
        }
        assertThat(perLap).hasSize((int) laps).allSatisfy((k, n) -> assertThat(n).as(k).isOne());
    }
}
