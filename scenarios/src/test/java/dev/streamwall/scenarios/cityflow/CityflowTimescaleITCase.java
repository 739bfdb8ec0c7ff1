package dev.streamwall.scenarios.cityflow;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.scenarios.TimescaleCase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The cityflow job on TimescaleDB: a morning rush hour with an incident on the avenue. */
class CityflowTimescaleITCase extends TimescaleCase<CityflowStack> {

    private static final CityConfig CITY =
            CityConfig.defaults()
                    .withStart(Instant.parse("2026-03-03T07:20:00Z"))
                    .withDuration(Duration.ofMinutes(35))
                    .withIncidents("R20@10m+15m/2", 0);

    CityflowTimescaleITCase() {
        super(
                new String[] {
                    "predictions", "ts, road_id, horizon_min",
                    "reroutes", "ts, route_id, alt_route_id",
                    "incidents", "incident_id, ts",
                    "traffic_raw", "ts, sensor_id"
                },
                List.of("traffic_raw", "predictions", "reroutes", "incidents"),
                "traffic_raw",
                "traffic_1m",
                "SELECT road_id, sensor_id, bucket, readings,"
                        + " round(avg_speed_kmh::numeric, 6) AS avg_speed_kmh, min_speed_kmh,"
                        + " round(avg_flow_rate::numeric, 6) AS avg_flow_rate,"
                        + " round(avg_occupancy::numeric, 6) AS avg_occupancy"
                        + " FROM traffic_1m ORDER BY road_id, sensor_id, bucket");
    }

    @Override
    protected CityflowStack stack(EmbeddedInfra infra) {
        return new CityflowStack(infra).with(CITY, TransportFaults.NONE);
    }

    @Override
    protected CityflowStack sameInput(CityflowStack reference, String jdbcUrl) {
        return new CityflowStack(reference.infra, reference.readings, reference.roads, jdbcUrl);
    }
}
