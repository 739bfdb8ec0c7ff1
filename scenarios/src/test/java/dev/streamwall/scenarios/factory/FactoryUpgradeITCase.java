package dev.streamwall.scenarios.factory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.EmbeddedInfraExtension;
import dev.streamwall.embedded.Eventually;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.embedded.UpgradeScenario;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.factory.PlantSimulator;
import dev.streamwall.generators.factory.PlantWireFormat;
import dev.streamwall.generators.factory.SensorReading;
import dev.streamwall.generators.wire.SimulationSlice;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.scenarios.PreChangeSavepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A savepoint upgrade of the factory job: it learns the plant for half the run, stops with a
 * savepoint, and a changed job (a longer idle retention, same uids) resumes from it. Baselines,
 * z-scores and scores (learnt state), anomalies, alerts and window statistics must equal one
 * uninterrupted run.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class FactoryUpgradeITCase implements MiniClusterTest {

    private static final PlantConfig PLANT =
            PlantConfig.defaults()
                    .withSeed(5)
                    .withMachines(4)
                    .withStart(Instant.parse("2026-03-02T05:00:00Z"))
                    .withDuration(Duration.ofMinutes(170))
                    .withFaults("bearing_wear@M01+20m,overheating@M02+25m");

    @Test
    void learntStateCarriesOverAnUpgradeFromASavepoint(EmbeddedInfra infra) throws Exception {
        upgrade(infra, null);
    }

    /**
     * The job of today resumes from a savepoint the job took before the wire module and the shared
     * sinks existed: every piece of its state finds its operator and its serializer, and the
     * results equal one uninterrupted run.
     */
    @Test
    void resumesFromASavepointTakenBeforeTheWireModule(EmbeddedInfra infra) throws Exception {
        upgrade(infra, PreChangeSavepoint.of("factory"));
    }

    private static FactoryStack reference;

    /** The reference, the whole input in one run of the unchanged job: once for both tests. */
    private static synchronized FactoryStack reference(EmbeddedInfra infra) throws Exception {
        if (reference == null) {
            reference = new FactoryStack(infra).publish(PLANT, TransportFaults.NONE);
            reference.runToEnd("reference");
        }
        return reference;
    }

    /**
     * Runs half, stops with a savepoint and resumes a changed job from it, or from {@code from}.
     */
    private static void upgrade(EmbeddedInfra infra, PreChangeSavepoint from) throws Exception {
        FactoryStack reference = reference(infra);
        long readings = PlantSimulator.countEvents(PLANT);
        assertThat(reference.count("SELECT count(*) FROM sensor_readings")).isEqualTo(readings);

        FactoryStack upgraded =
                from == null
                        ? new FactoryStack(infra)
                        : new FactoryStack(infra, from.topic("readings"));
        UpgradeScenario upgrade =
                new UpgradeScenario(upgraded, readings, (start, n) -> publish(upgraded, start, n));
        long half = readings / 2;
        // Everything published is processed (the last seconds wait in the ordering buffer).
        String savepoint =
                upgrade.runAndStop(
                        half,
                        () ->
                                upgraded.count("SELECT count(*) FROM sensor_readings")
                                        >= half - 4 * 3 * 5);
        upgrade.resume(
                from == null ? savepoint : from.path(),
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
        Object cutoff =
                java.sql.Timestamp.from(PLANT.start().plus(PLANT.duration()).minusSeconds(600));
        // The learnt baselines went on learning instead of starting over at the upgrade.
        String scored =
                "SELECT machine, sensor, ts, value, baseline, z, score FROM sensor_readings"
                        + " WHERE ts <= ? ORDER BY machine, sensor, ts";
        List<java.util.Map<String, Object>> rows = upgraded.query(scored, cutoff);
        assertThat(rows).hasSizeGreaterThan((int) (readings * 9 / 10));
        assertThat(rows).isEqualTo(reference.query(scored, cutoff));
        String episodes =
                "SELECT anomaly_id, ts, machine, sensor, kind FROM machine_anomalies"
                        + " WHERE ts <= ? ORDER BY anomaly_id";
        assertThat(upgraded.query(episodes, cutoff))
                .isEqualTo(reference.query(episodes, cutoff))
                .isNotEmpty();
        String raised =
                "SELECT alert_id, ts, machine, type, start_ts FROM maintenance_alerts"
                        + " WHERE ts <= ? ORDER BY alert_id";
        assertThat(upgraded.query(raised, cutoff))
                .isEqualTo(reference.query(raised, cutoff))
                .isNotEmpty();
        // Windows: no gap, no duplicate, the same figures across the upgrade.
        String stats =
                "SELECT machine, sensor, window_end, n, mean, std, min, max FROM sensor_stats"
                        + " WHERE window_end <= ? ORDER BY machine, sensor, window_end";
        assertThat(upgraded.query(stats, cutoff))
                .isEqualTo(reference.query(stats, cutoff))
                .isNotEmpty();
    }

    /** Sends readings [from, from + count) of the plant, in order, with no transport faults. */
    private static void publish(FactoryStack stack, long from, long count) {
        WirePublisher<SensorReading> publisher =
                new WirePublisher<>(
                        new SimulationSlice<>(new PlantSimulator(PLANT, stack.labels), from, count),
                        PlantWireFormat.INSTANCE,
                        TransportFaults.NONE,
                        PLANT.seed(),
                        WirePublisher.Options.of(
                                stack.infra.bootstrapServers(), stack.readings, 0));
        publisher.run();
        assertThat(publisher.failure()).isNull();
        assertThat(publisher.eventsSent()).isEqualTo(count);
    }
}
