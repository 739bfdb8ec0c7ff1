package dev.streamwall.scenarios.factory;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.scenarios.TimescaleCase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The factory job on TimescaleDB: a plant with a wearing bearing and an overheating machine. */
class FactoryTimescaleITCase extends TimescaleCase<FactoryStack> {

    private static final PlantConfig PLANT =
            PlantConfig.defaults()
                    .withSeed(11)
                    .withMachines(3)
                    .withStart(Instant.parse("2026-03-02T05:00:00Z"))
                    .withDuration(Duration.ofMinutes(60))
                    .withFaults("bearing_wear@M01+10m,overheating@M02+20m");

    FactoryTimescaleITCase() {
        super(
                new String[] {
                    "maintenance_alerts", "alert_id",
                    "machine_anomalies", "anomaly_id",
                    "sensor_stats", "machine, sensor, window_end",
                    "sensor_readings", "machine, sensor, ts"
                },
                List.of(
                        "sensor_readings",
                        "machine_anomalies",
                        "maintenance_alerts",
                        "sensor_stats"),
                "sensor_readings",
                "sensor_readings_1m",
                "SELECT machine, sensor, bucket, readings, round(avg_value::numeric, 6) AS avg_value,"
                        + " min_value, max_value, max_score FROM sensor_readings_1m"
                        + " ORDER BY machine, sensor, bucket");
    }

    @Override
    protected FactoryStack stack(EmbeddedInfra infra) {
        return new FactoryStack(infra).with(PLANT, TransportFaults.NONE);
    }

    @Override
    protected FactoryStack sameInput(FactoryStack reference, String jdbcUrl) {
        return new FactoryStack(reference.infra, reference.readings, jdbcUrl);
    }
}
