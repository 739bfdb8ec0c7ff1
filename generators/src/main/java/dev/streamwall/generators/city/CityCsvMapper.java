package dev.streamwall.generators.city;

import dev.streamwall.generators.replay.CsvCells;
import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.wire.Json;
import java.util.Map;

/**
 * Maps a recorded road-sensor CSV row ({@code ts, sensor, road, speed} and optionally {@code flow},
 * {@code occupancy}) to a reading; speed-only recordings leave flow and occupancy null.
 */
public final class CityCsvMapper implements CsvReplay.RowMapper {

    /** The unit of a recording's speed column; readings go out in km/h. */
    public enum SpeedUnit {
        KMH(1.0, "km/h"),
        MPH(1.609344, "mph");

        final double toKmh;
        final String label;

        SpeedUnit(double toKmh, String label) {
            this.toKmh = toKmh;
            this.label = label;
        }

        /** A speed in km/h in this unit. */
        public double fromKmh(double kmh) {
            return kmh / toKmh;
        }

        /** How the unit is written: km/h or mph. */
        public String label() {
            return label;
        }
    }

    private final SpeedUnit unit;

    /** A mapper for a recording in km/h. */
    public CityCsvMapper() {
        this(SpeedUnit.KMH);
    }

    public CityCsvMapper(SpeedUnit unit) {
        this.unit = unit;
    }

    @Override
    public CsvReplay.Row map(Map<String, String> columns) {
        if (!columns.containsKey("ts") && !columns.containsKey("speed")) {
            throw new IllegalArgumentException(
                    "no columns ts, sensor, road, speed (the header has "
                            + columns.keySet()
                            + "); a matrix of one column per sensor needs --format matrix");
        }
        long ts = CsvCells.parseTimestamp(CsvCells.required(columns, "ts"));
        String sensor = CsvCells.required(columns, "sensor");
        String road = CsvCells.required(columns, "road");
        double recorded = CsvCells.requiredNumber(columns, "speed");
        double speed = recorded * unit.toKmh;
        if (speed < 0 || speed > 250) {
            throw new IllegalArgumentException(
                    "speed "
                            + recorded
                            + " "
                            + unit.label
                            + " is outside 0-250 km/h; is the column in another unit"
                            + " (--speed-unit)?");
        }
        Double flow = CsvCells.optionalNumber(columns, "flow");
        Double occupancy = CsvCells.optionalNumber(columns, "occupancy");
        if (occupancy != null && occupancy > 1 && occupancy <= 100) {
            occupancy = occupancy / 100.0; // recorded in percent
        }
        RoadReading r = new RoadReading(ts, sensor, road, speed, flow, occupancy);
        return new CsvReplay.Row(sensor, ts, Json.toBytes(r));
    }
}
