package dev.streamwall.scenarios.pitwall;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.scenarios.TimescaleCase;
import java.time.Instant;
import java.util.List;

/** The pitwall job on TimescaleDB: a short race with every fault the simulator injects. */
class PitwallTimescaleITCase extends TimescaleCase<PitwallStack> {

    private static final RaceConfig RACE =
            RaceConfig.builder()
                    .seed(53)
                    .raceId("timescale-53")
                    .startTime(Instant.parse("2026-07-05T14:00:00Z"))
                    .cars(6)
                    .laps(4)
                    .sampleHz(10)
                    .allFaults()
                    .build();

    PitwallTimescaleITCase() {
        super(
                new String[] {
                    "laps", "race_id, car, lap",
                    "stint_outlook", "race_id, car, ts, trigger",
                    "strategy_decisions", "race_id, car, ts, call",
                    "alerts", "alert_id",
                    "telemetry", "race_id, car, ts"
                },
                List.of("telemetry", "laps", "stint_outlook", "strategy_decisions", "alerts"),
                "telemetry",
                "telemetry_1s",
                "SELECT race_id, car, bucket, lap, samples, round(avg_speed::numeric, 6) AS avg_speed,"
                        + " max_speed, round(avg_throttle::numeric, 6) AS avg_throttle,"
                        + " max_brake_temp, max_tyre_temp, min_tyre_pressure, fuel, tyre_wear"
                        + " FROM telemetry_1s ORDER BY race_id, car, bucket");
    }

    @Override
    protected PitwallStack stack(EmbeddedInfra infra) {
        return new PitwallStack(infra).with(RACE);
    }

    @Override
    protected PitwallStack sameInput(PitwallStack reference, String jdbcUrl) {
        return new PitwallStack(reference.infra, reference.telemetry, jdbcUrl);
    }
}
