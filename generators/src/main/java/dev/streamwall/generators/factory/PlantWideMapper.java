package dev.streamwall.generators.factory;

import dev.streamwall.generators.replay.CsvCells;
import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a wide plant CSV, one row per time and one column per sensor of one machine (as data loggers
 * export), to one reading per sensor cell. The time column is the first of {@code timestamp, ts,
 * time, datetime}; columns named in {@code ignored} (labels such as {@code anomaly}) are not
 * sensors; an empty cell is no reading.
 */
public final class PlantWideMapper implements CsvReplay.RowMapper, PlantFileFormat.SensorsSeen {

    private final String machine;
    private final Set<String> ignored;
    private final Set<String> seen = new java.util.LinkedHashSet<>();

    /**
     * @param machine the machine every column belongs to
     * @param ignored column names (any case) that are not sensors
     */
    public PlantWideMapper(String machine, Set<String> ignored) {
        if (machine == null || machine.isBlank()) {
            throw new IllegalArgumentException(
                    "--format wide needs --machine: the machine whose sensors the columns are");
        }
        this.machine = machine;
        this.ignored =
                ignored.stream()
                        .map(c -> c.trim().toLowerCase(Locale.ROOT))
                        .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public CsvReplay.Row map(Map<String, String> columns) {
        throw new UnsupportedOperationException("a wide row holds many readings");
    }

    @Override
    public List<CsvReplay.Row> rows(Map<String, String> columns, long index) {
        String timeColumn = CsvCells.timeColumn(columns);
        long ts = CsvCells.parseTimestamp(columns.get(timeColumn));
        List<CsvReplay.Row> rows = new ArrayList<>();
        for (var cell : columns.entrySet()) {
            String column = cell.getKey();
            if (column.equals(timeColumn)
                    || ignored.contains(column.trim().toLowerCase(Locale.ROOT))
                    || cell.getValue().isBlank()) {
                continue;
            }
            double value = CsvCells.requiredNumber(columns, column);
            String sensor = PlantCsvMapper.canonical(column).replaceAll("\\s+", "_");
            seen.add(sensor);
            rows.add(
                    new CsvReplay.Row(
                            machine,
                            ts,
                            Json.toBytes(new SensorReading(ts, machine, sensor, value))));
        }
        return rows;
    }

    @Override
    public Set<String> sensorsSeen() {
        return seen;
    }
}
