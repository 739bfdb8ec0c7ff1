package dev.streamwall.generators.city;

import dev.streamwall.generators.replay.CsvCells;
import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a wide matrix of road-sensor speeds to readings: one column per sensor (its header is the
 * sensor id, and the road id too, as there is no road graph), one row per time step. Times come
 * from a timestamp column when the matrix has one, otherwise from {@code start + row × step}. An
 * empty cell, or a zero when zeros mark missing data, is no reading.
 */
public final class CityMatrixMapper implements CsvReplay.RowMapper {

    private static final List<String> TIME = List.of("timestamp", "ts", "time", "datetime", "date");

    private final Instant start;
    private final Duration step;
    private final CityCsvMapper.SpeedUnit unit;
    private final boolean zeroIsMissing;

    /**
     * @param start the time of the first row, or null when the matrix has a timestamp column
     * @param step the time between rows, or null with a timestamp column
     */
    public CityMatrixMapper(
            Instant start, Duration step, CityCsvMapper.SpeedUnit unit, boolean zeroIsMissing) {
        if ((start == null) != (step == null)) {
            throw new IllegalArgumentException(
                    "give both --start and --step for a matrix without a timestamp column");
        }
        if (step != null && (step.isZero() || step.isNegative())) {
            throw new IllegalArgumentException("--step must be positive, got " + step);
        }
        this.start = start;
        this.step = step;
        this.unit = unit;
        this.zeroIsMissing = zeroIsMissing;
    }

    @Override
    public CsvReplay.Row map(Map<String, String> columns) {
        throw new UnsupportedOperationException("a matrix row holds many readings");
    }

    @Override
    public List<CsvReplay.Row> rows(Map<String, String> columns, long index) {
        String timeColumn = timeColumn(columns);
        long ts;
        if (timeColumn != null) {
            ts = CsvCells.parseTimestamp(columns.get(timeColumn));
        } else if (start != null) {
            ts = start.plus(step.multipliedBy(index)).toEpochMilli();
        } else {
            throw new IllegalArgumentException(
                    "no timestamp column: give --start and --step (for example --start"
                            + " 2024-03-01T00:00 --step 5m), or add one of "
                            + TIME);
        }
        List<CsvReplay.Row> rows = new ArrayList<>();
        for (var cell : columns.entrySet()) {
            String sensor = cell.getKey();
            if (sensor.equals(timeColumn) || cell.getValue().isBlank()) {
                continue;
            }
            if (sensor.isBlank()) {
                throw new IllegalArgumentException(
                        "a column without a name holds values; name every sensor column");
            }
            double recorded = CsvCells.requiredNumber(columns, sensor);
            if (zeroIsMissing && recorded == 0) {
                continue;
            }
            double speed = recorded * unit.toKmh;
            if (speed < 0 || speed > 250) {
                throw new IllegalArgumentException(
                        String.format(
                                Locale.ROOT,
                                "sensor %s: speed %s %s is outside 0-250 km/h; is the matrix in"
                                        + " another unit (--speed-unit)?",
                                sensor,
                                recorded,
                                unit.label));
            }
            RoadReading r = new RoadReading(ts, sensor, sensor, speed, null, null);
            rows.add(new CsvReplay.Row(sensor, ts, Json.toBytes(r)));
        }
        return rows;
    }

    @Override
    public String describeTime() {
        return start == null
                ? null
                : "from --start and --step: one row every "
                        + step.toString().substring(2).toLowerCase(Locale.ROOT)
                        + " from "
                        + start;
    }

    private static String timeColumn(Map<String, String> columns) {
        for (String c : columns.keySet()) {
            if (TIME.contains(c.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }
}
