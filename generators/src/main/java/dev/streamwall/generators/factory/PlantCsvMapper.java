package dev.streamwall.generators.factory;

import dev.streamwall.generators.replay.CsvCells;
import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.wire.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a recorded plant CSV row to a reading. Long format: {@code timestamp,machine,sensor,value}
 * (column names {@code ts}/{@code time}, {@code machine_id} also accepted). A single-sensor series
 * may leave out the machine and sensor columns (given on the command line instead), and may name
 * its value column after the sensor ({@code timestamp,temp}).
 */
public final class PlantCsvMapper implements CsvReplay.RowMapper, PlantFileFormat.SensorsSeen {

    private static final List<String> MACHINE = List.of("machine", "machine_id", "asset");
    private static final List<String> SENSOR = List.of("sensor", "sensor_type", "channel");

    private final String defaultMachine;
    private final String defaultSensor;
    private final java.util.Set<String> seen = new java.util.LinkedHashSet<>();

    /**
     * @param defaultMachine machine of rows without a machine column, or null to require one
     * @param defaultSensor sensor of rows without a sensor column, or null to require one
     */
    public PlantCsvMapper(String defaultMachine, String defaultSensor) {
        this.defaultMachine = defaultMachine;
        this.defaultSensor = defaultSensor == null ? null : canonical(defaultSensor);
    }

    @Override
    public CsvReplay.Row map(Map<String, String> columns) {
        String timeColumn = CsvCells.timeColumn(columns);
        long ts = CsvCells.parseTimestamp(columns.get(timeColumn));
        String machineColumn = CsvCells.firstColumn(columns, MACHINE);
        String machine =
                machineColumn != null ? CsvCells.required(columns, machineColumn) : defaultMachine;
        if (machine == null) {
            throw new IllegalArgumentException(
                    "no machine column: add one of " + MACHINE + " or give --machine");
        }
        String sensorColumn = CsvCells.firstColumn(columns, SENSOR);
        String sensor =
                sensorColumn != null
                        ? canonical(CsvCells.required(columns, sensorColumn))
                        : defaultSensor;
        String valueColumn = columns.containsKey("value") ? "value" : null;
        if (valueColumn == null && sensor != null) {
            valueColumn = columnFor(columns, sensor);
        }
        if (sensor == null && valueColumn == null) {
            // timestamp,<sensor> with the sensor named by its column
            for (String c : columns.keySet()) {
                if (Sensor.fromName(c) != null) {
                    valueColumn = c;
                    sensor = Sensor.fromName(c).wireName();
                    break;
                }
            }
        }
        if (sensor == null) {
            throw new IllegalArgumentException(
                    "no sensor column: add one of "
                            + SENSOR
                            + ", name the value column after the"
                            + " sensor (temp, vibration, pressure) or give --sensor");
        }
        if (valueColumn == null) {
            throw new IllegalArgumentException(
                    "no value column: name it 'value' or '"
                            + sensor
                            + "' (the header has "
                            + columns.keySet()
                            + ")");
        }
        double value = CsvCells.requiredNumber(columns, valueColumn);
        SensorReading r = new SensorReading(ts, machine, sensor, value);
        seen.add(sensor);
        return new CsvReplay.Row(machine, ts, Json.toBytes(r));
    }

    private static String columnFor(Map<String, String> columns, String sensor) {
        for (String c : columns.keySet()) {
            Sensor s = Sensor.fromName(c);
            if (c.equalsIgnoreCase(sensor) || (s != null && s.wireName().equals(sensor))) {
                return c;
            }
        }
        return null;
    }

    /** temp, vibration, pressure for their common spellings; other names lower-cased. */
    static String canonical(String sensor) {
        Sensor s = Sensor.fromName(sensor);
        return s != null ? s.wireName() : sensor.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public java.util.Set<String> sensorsSeen() {
        return seen;
    }
}
