package dev.streamwall.generators.replay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Reading the cells of a recorded CSV row: timestamps in the forms recordings use, required and
 * numeric columns; every error is one line naming what the file has.
 */
public final class CsvCells {

    /** The names a timestamp column may have (any case), in order of preference. */
    public static final List<String> TIME_COLUMNS = List.of("timestamp", "ts", "time", "datetime");

    /** The first of {@code names} (any case, spaces around ignored) that is a column; else null. */
    public static String firstColumn(Map<String, String> columns, List<String> names) {
        for (String n : names) {
            for (String c : columns.keySet()) {
                if (c.trim().equalsIgnoreCase(n)) {
                    return c;
                }
            }
        }
        return null;
    }

    /**
     * The row's timestamp column.
     *
     * @throws IllegalArgumentException naming the names it looks for and the header's columns
     */
    public static String timeColumn(Map<String, String> columns) {
        String column = firstColumn(columns, TIME_COLUMNS);
        if (column == null) {
            throw new IllegalArgumentException(
                    "no timestamp column: name one of "
                            + TIME_COLUMNS
                            + " (the header has "
                            + columns.keySet()
                            + ")");
        }
        return column;
    }

    /** The form of a timestamp cell that {@link #parseTimestamp} accepts, in words. */
    public static String describeTimestamp(String cell) {
        String v = cell.trim();
        if (v.matches("-?\\d+")) {
            return v.replace("-", "").length() > 11 ? "epoch milliseconds" : "epoch seconds";
        }
        if (v.matches("-?\\d+\\.\\d+")) {
            return "epoch seconds with a fraction";
        }
        return v.endsWith("Z") || v.matches(".*[+-]\\d\\d:?\\d\\d$")
                ? "ISO-8601 with a zone"
                : "ISO-8601 without a zone (taken as UTC)";
    }

    /**
     * Parses a timestamp cell: epoch milliseconds (more than 11 digits), epoch seconds with an
     * optional fraction, ISO-8601 with a zone ({@code 2026-03-02T08:00:00Z}, {@code +01:00}) or
     * without one ({@code 2026-03-02T08:00:00} or {@code 2026-03-02 08:00:00}, taken as UTC).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static long parseTimestamp(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(
                    "timestamp is empty: give epoch milliseconds, epoch seconds or ISO-8601");
        }
        String v = s.trim();
        if (v.matches("-?\\d+")) {
            long n = Long.parseLong(v);
            return v.replace("-", "").length() > 11 ? n : n * 1000;
        }
        if (v.matches("-?\\d+\\.\\d+")) {
            return Math.round(Double.parseDouble(v) * 1000);
        }
        String iso = v.replace(' ', 'T');
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // no zone, or an offset rather than Z
        }
        try {
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // no zone
        }
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "timestamp '"
                            + v
                            + "' is not epoch milliseconds, epoch seconds or ISO-8601"
                            + " (for example 2026-03-02T08:00:00Z)");
        }
    }

    /**
     * The trimmed value of a required column, or an error naming the columns the file has.
     *
     * @throws IllegalArgumentException when the column is absent or empty
     */
    public static String required(Map<String, String> columns, String name) {
        String v = columns.get(name);
        if (v == null) {
            throw new IllegalArgumentException(
                    "no column '" + name + "' (the header has " + columns.keySet() + ")");
        }
        if (v.isBlank()) {
            throw new IllegalArgumentException("column '" + name + "' is empty");
        }
        return v.trim();
    }

    /** The value of an optional numeric column, or null when absent or empty. */
    public static Double optionalNumber(Map<String, String> columns, String name) {
        String v = columns.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        return number(name, v);
    }

    /** The value of a required numeric column. */
    public static double requiredNumber(Map<String, String> columns, String name) {
        return number(name, required(columns, name));
    }

    private static double number(String name, String v) {
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "column '" + name + "' is '" + v.trim() + "', not a finite number");
        }
    }

    private CsvCells() {}
}
