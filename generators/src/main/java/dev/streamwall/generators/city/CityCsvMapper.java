package dev.streamwall.generators.city;

import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.wire.Json;
import java.util.Map;

/**
 * Maps a recorded road-sensor CSV row ({@code ts, sensor, road, speed} and optionally {@code flow},
 * {@code occupancy}) to a reading; speed-only recordings leave flow and occupancy null.
 */
public final class CityCsvMapper implements CsvReplay.RowMapper {

    @Override
    public CsvReplay.Row map(Map<String, String> columns) {
        long ts = CsvReplay.parseTimestamp(CsvReplay.required(columns, "ts"));
        String sensor = CsvReplay.required(columns, "sensor");
        String road = CsvReplay.required(columns, "road");
        double speed = CsvReplay.requiredNumber(columns, "speed");
        if (speed < 0 || speed > 250) {
            throw new IllegalArgumentException(
                    "speed " + speed + " km/h is outside 0-250; is the column in m/s or mph?");
        }
        Double flow = CsvReplay.optionalNumber(columns, "flow");
        Double occupancy = CsvReplay.optionalNumber(columns, "occupancy");
        if (occupancy != null && occupancy > 1 && occupancy <= 100) {
            occupancy = occupancy / 100.0; // recorded in percent
        }
        RoadReading r = new RoadReading(ts, sensor, road, speed, flow, occupancy);
        return new CsvReplay.Row(sensor, ts, Json.toBytes(r));
    }
}
