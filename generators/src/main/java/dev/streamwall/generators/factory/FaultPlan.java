package dev.streamwall.generators.factory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The faults asked for on the command line: {@code default} (a seeded mix scaled to the plant),
 * {@code none}, {@code all} (one of each) or a list of {@code TYPE[@MACHINE][+ONSET]}.
 */
public record FaultPlan(boolean scaledDefault, List<Entry> entries) {

    /** One requested fault; a null machine or onset is chosen from the seed. */
    public record Entry(FactoryFaultType type, String machine, Duration onset) {}

    public static FaultPlan parse(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("none")) {
            return new FaultPlan(false, List.of());
        }
        if (s.equals("default")) {
            return new FaultPlan(true, List.of());
        }
        List<Entry> entries = new ArrayList<>();
        if (s.equals("all")) {
            for (FactoryFaultType t : FactoryFaultType.values()) {
                if (t.isFault()) {
                    entries.add(new Entry(t, null, null));
                }
            }
            return new FaultPlan(false, entries);
        }
        for (String part : s.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            Duration onset = null;
            int plus = p.indexOf('+');
            if (plus >= 0) {
                onset = duration(p.substring(plus + 1));
                p = p.substring(0, plus);
            }
            String machine = null;
            int at = p.indexOf('@');
            if (at >= 0) {
                machine = p.substring(at + 1).trim().toUpperCase(Locale.ROOT);
                p = p.substring(0, at);
            }
            FactoryFaultType type;
            try {
                type =
                        FactoryFaultType.valueOf(
                                p.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown fault '"
                                + p
                                + "': use bearing_wear, overheating, pressure_leak or stuck_sensor,"
                                + " optionally @MACHINE and +ONSET (for example overheating@M07+40m)");
            }
            if (!type.isFault()) {
                throw new IllegalArgumentException(
                        "noise spikes are not faults: set their rate with --spikes-per-hour");
            }
            entries.add(new Entry(type, machine, onset));
        }
        return new FaultPlan(false, entries);
    }

    private static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("h")) {
                return Duration.ofSeconds(
                        Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 3600));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(
                        Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofMinutes(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "fault onset '"
                            + text
                            + "' is not a duration: write for example +40m or +1.5h");
        }
    }
}
