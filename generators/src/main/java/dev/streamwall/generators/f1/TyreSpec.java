package dev.streamwall.generators.f1;

/**
 * The simulator's tyre physics per compound: nominal life in laps at a medium-severity circuit, the
 * pace offset, and the tread wear at which grip falls away. The pitwall job does not read these:
 * its strategy model has its own parameters, so it is scored against a truth it does not share.
 */
public final class TyreSpec {

    /** Tread wear (percent) at which the simulated lap times rise sharply. */
    public static final double CLIFF_WEAR_PERCENT = 70.0;

    private TyreSpec() {}

    /** Laps until the wear reaches the cliff at nominal degradation. */
    public static int nominalLifeLaps(Compound c) {
        return switch (c) {
            case SOFT -> 18;
            case MEDIUM -> 28;
            case HARD -> 40;
            case INTERMEDIATE -> 30;
            case WET -> 35;
        };
    }

    /** Seconds per lap slower than the softest compound on new tyres. */
    public static double paceOffsetSeconds(Compound c) {
        return switch (c) {
            case SOFT, INTERMEDIATE, WET -> 0.0;
            case MEDIUM -> 0.45;
            case HARD -> 0.85;
        };
    }
}
