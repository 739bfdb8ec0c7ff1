package dev.streamwall.generators.factory;

import java.util.Locale;

/**
 * The sensors of a plant machine, with the seed's normal operating range and the range a real
 * sensor can physically report (anything outside is a broken record, not an anomaly).
 */
public enum Sensor {
    TEMP("temp", "°C", 60, 90, -50, 500),
    VIBRATION("vibration", "mm/s", 0.1, 5, 0, 200),
    PRESSURE("pressure", "bar", 2, 6, 0, 100);

    private final String wireName;
    private final String unit;
    private final double normalMin;
    private final double normalMax;
    private final double physicalMin;
    private final double physicalMax;

    Sensor(
            String wireName,
            String unit,
            double normalMin,
            double normalMax,
            double physicalMin,
            double physicalMax) {
        this.wireName = wireName;
        this.unit = unit;
        this.normalMin = normalMin;
        this.normalMax = normalMax;
        this.physicalMin = physicalMin;
        this.physicalMax = physicalMax;
    }

    /**
     * The name on the wire and in the tables: {@code temp}, {@code vibration}, {@code pressure}.
     */
    public String wireName() {
        return wireName;
    }

    public String unit() {
        return unit;
    }

    public double normalMin() {
        return normalMin;
    }

    public double normalMax() {
        return normalMax;
    }

    public double physicalMin() {
        return physicalMin;
    }

    public double physicalMax() {
        return physicalMax;
    }

    /**
     * The sensor a name means, accepting common spellings ({@code temperature}, {@code vib}); null
     * when unknown.
     */
    public static Sensor fromName(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "temp", "temperature", "temp_c" -> TEMP;
            case "vibration", "vib", "vibration_mm_s" -> VIBRATION;
            case "pressure", "press", "pressure_bar" -> PRESSURE;
            default -> null;
        };
    }
}
