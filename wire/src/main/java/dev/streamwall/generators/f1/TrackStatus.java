package dev.streamwall.generators.f1;

/**
 * Track status as race control sets it; the order is severity for a lap (the worst status seen
 * wins).
 */
public enum TrackStatus {
    GREEN,
    YELLOW,
    VSC,
    SC,
    RED,
    /** The chequered flag is out: each car finishes when it next crosses the line. */
    CHEQUERED;

    /** Pit stops are cheaper while the field is neutralised. */
    public boolean neutralised() {
        return this == VSC || this == SC;
    }

    public static TrackStatus parse(String s) {
        return s == null ? GREEN : TrackStatus.valueOf(s);
    }
}
