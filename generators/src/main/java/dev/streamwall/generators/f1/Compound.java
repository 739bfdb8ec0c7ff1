package dev.streamwall.generators.f1;

/**
 * Tyre compounds with their nominal life in laps at a medium-severity circuit and their pace
 * offset.
 */
public enum Compound {
    SOFT(18, 0.0),
    MEDIUM(28, 0.45),
    HARD(40, 0.85),
    INTERMEDIATE(30, 0.0),
    WET(35, 0.0);

    /**
     * Tread wear (percent) at which grip falls away: lap times rise sharply beyond it. Both the
     * generator's tyre model and the job's laps-to-cliff estimate use this figure.
     */
    public static final double CLIFF_WEAR_PERCENT = 70.0;

    /** Laps until the wear reaches the performance cliff at nominal degradation. */
    public final int nominalLifeLaps;

    /** Seconds per lap slower than the softest compound on new tyres. */
    public final double paceOffsetSeconds;

    Compound(int nominalLifeLaps, double paceOffsetSeconds) {
        this.nominalLifeLaps = nominalLifeLaps;
        this.paceOffsetSeconds = paceOffsetSeconds;
    }

    public boolean slick() {
        return this == SOFT || this == MEDIUM || this == HARD;
    }
}
