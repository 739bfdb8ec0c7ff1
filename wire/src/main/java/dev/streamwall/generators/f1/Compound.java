package dev.streamwall.generators.f1;

/**
 * The tyre compounds a car can run, as their names appear in telemetry and lap timing. What a
 * compound does (its life, its pace) is a property of a model: the race simulator's is {@code
 * TyreSpec}, the strategy's its own parameters.
 */
public enum Compound {
    SOFT,
    MEDIUM,
    HARD,
    INTERMEDIATE,
    WET;

    /** A dry-weather tyre; the rules require two different ones in a dry race. */
    public boolean slick() {
        return this == SOFT || this == MEDIUM || this == HARD;
    }
}
