package dev.streamwall.scenarios.factory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.Eventually;
import dev.streamwall.embedded.UpgradeScenario;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.factory.PlantSimulator;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.scenarios.PreChangeSavepoint;
import dev.streamwall.scenarios.SavepointUpgradeCase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * A savepoint upgrade of the factory job: it learns the plant for half the run, stops with a
 * savepoint, and a changed job (a longer idle retention, same uids) resumes from it. Baselines,
 * z-scores and scores (learnt state), anomalies, alerts and window statistics must equal one
 * uninterrupted run.
 */
class FactoryUpgradeITCase extends SavepointUpgradeCase<FactoryStack> {

    private static final PlantConfig PLANT =
            PlantConfig.defaults()
                    .withSeed(5)
                    .withMachines(4)
                    .withStart(Instant.parse("2026-03-02T05:00:00Z"))
                    .withDuration(Duration.ofMinutes(170))
                    .withFaults("bearing_wear@M01+20m,overheating@M02+25m");

    FactoryUpgradeITCase() {
        super("factory");
    }

    @Override
    protected FactoryStack stack(EmbeddedInfra infra) {
        return new FactoryStack(infra).with(PLANT, TransportFaults.NONE);
    }

    @Override
    protected void upgrade(EmbeddedInfra infra, FactoryStack reference, PreChangeSavepoint from)
            throws Exception {
        long readings = PlantSimulator.countEvents(PLANT);
        assertThat(reference.count("SELECT count(*) FROM sensor_readings")).isEqualTo(readings);

        FactoryStack upgraded =
                new FactoryStack(
                                infra,
                                from == null ? null : from.topic("readings"),
                                infra.freshDatabase())
                        .with(PLANT, TransportFaults.NONE);
        UpgradeScenario upgrade = new UpgradeScenario(upgraded, readings, upgraded::publishRange);
        long half = readings / 2;
        // Everything published is processed (the last seconds wait in the ordering buffer).
        String savepoint =
                upgrade.runAndStop(
                        half,
                        () ->
                                upgraded.count("SELECT count(*) FROM sensor_readings")
                                        >= half - 4 * 3 * 5);
        upgrade.resume(
                resumeFrom(from, savepoint),
                half,
                () -> {
                    // The last seconds of input stay in the event-time buffers of an unbounded
                    // job.
                    Eventually.waitFor(
                            () ->
                                    upgraded.count("SELECT count(*) FROM sensor_readings")
                                            >= readings - 60,
                            Duration.ofSeconds(180));
                    Thread.sleep(2_000); // the sinks' last batches
                },
                "--idle-retention",
                "45m");

        // Compare everything the unbounded job has settled: up to 10 minutes before the end of
        // the input (the bounded reference also closed the last windows and alerts).
        Object cutoff = Timestamp.from(PLANT.start().plus(PLANT.duration()).minusSeconds(600));
        if (from != null) {
            assertCarriedOverAVersionChange(upgraded, reference, cutoff);
            return;
        }
        // The learnt baselines went on learning instead of starting over at the upgrade.
        String scored =
                "SELECT machine, sensor, ts, value, baseline, z, score FROM sensor_readings"
                        + " WHERE ts <= ? ORDER BY machine, sensor, ts";
        assertThat(upgraded.query(scored, cutoff)).hasSizeGreaterThan((int) (readings * 9 / 10));
        assertSameRows(upgraded, reference, scored, cutoff);
        assertSameRows(
                upgraded,
                reference,
                "SELECT anomaly_id, ts, machine, sensor, kind FROM machine_anomalies"
                        + " WHERE ts <= ? ORDER BY anomaly_id",
                cutoff);
        assertSameRows(
                upgraded,
                reference,
                "SELECT alert_id, ts, machine, type, start_ts FROM maintenance_alerts"
                        + " WHERE ts <= ? ORDER BY alert_id",
                cutoff);
        // Windows: no gap, no duplicate, the same figures across the upgrade.
        assertSameRows(
                upgraded,
                reference,
                "SELECT machine, sensor, window_end, n, mean, std, min, max FROM sensor_stats"
                        + " WHERE window_end <= ? ORDER BY machine, sensor, window_end",
                cutoff);
    }

    /**
     * The pre-change savepoint holds sensor statistics of the first version (a baseline and a
     * noise, learnt by the clock, no record of surprise): they cannot give the same scores as
     * today's uninterrupted run (SensorModelTest checks how they migrate), but every reading must
     * be scored, the statistics relearnt without an episode of a kind the reference does not have,
     * and the same faults alerted.
     */
    private static void assertCarriedOverAVersionChange(
            FactoryStack upgraded, FactoryStack reference, Object cutoff) throws Exception {
        assertSameRows(
                upgraded,
                reference,
                "SELECT machine, sensor, ts, value FROM sensor_readings WHERE ts <= ?"
                        + " ORDER BY machine, sensor, ts",
                cutoff);
        assertSameRows(
                upgraded,
                reference,
                "SELECT DISTINCT machine, sensor, kind FROM machine_anomalies WHERE ts <= ?"
                        + " AND kind <> 'SPIKE' ORDER BY 1, 2, 3",
                cutoff);
        assertSameRows(
                upgraded,
                reference,
                "SELECT DISTINCT machine, type FROM maintenance_alerts WHERE ts <= ? ORDER BY 1, 2",
                cutoff);
    }
}
