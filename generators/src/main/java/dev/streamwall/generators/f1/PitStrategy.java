package dev.streamwall.generators.f1;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A car's planned race: the compound of each stint and the laps at whose end it pits.
 *
 * @param compounds one per stint, at least two different dry compounds when there is a stop
 * @param stopLaps the in-laps, ascending, one fewer than the stints
 * @param startTyreAge laps already on the starting set (a used qualifying set), 0 for new
 */
public record PitStrategy(List<Compound> compounds, List<Integer> stopLaps, int startTyreAge) {

    /** Planned stints never use more than this share of a set's life to the cliff. */
    static final double MAX_LIFE_USE = 0.85;

    public PitStrategy {
        compounds = List.copyOf(compounds);
        stopLaps = List.copyOf(stopLaps);
        if (compounds.size() != stopLaps.size() + 1) {
            throw new IllegalArgumentException("a strategy has one more stint than stops");
        }
    }

    public int stops() {
        return stopLaps.size();
    }

    private static final Compound S = Compound.SOFT;
    private static final Compound M = Compound.MEDIUM;
    private static final Compound H = Compound.HARD;

    private static final List<List<Compound>> ONE_STOP =
            List.of(List.of(M, H), List.of(H, M), List.of(S, H), List.of(M, H), List.of(S, M));
    private static final List<List<Compound>> TWO_STOP =
            List.of(
                    List.of(S, M, H),
                    List.of(M, H, M),
                    List.of(M, H, S),
                    List.of(S, H, M),
                    List.of(M, M, H),
                    List.of(S, H, H));

    /**
     * Plans a race of {@code laps} laps for a car whose sets reach the cliff after {@code
     * lifeFactor} times their nominal life: mostly one stop, some two, every stint within {@link
     * #MAX_LIFE_USE} of its set's life.
     */
    static PitStrategy plan(int laps, double lifeFactor, SplittableRandom rng) {
        boolean usedStartSet = rng.nextDouble() < 0.5;
        double roll = rng.nextDouble();
        int pick = rng.nextInt(1 << 20);
        double[] jitter = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
        if (laps < 2) {
            return new PitStrategy(List.of(M), List.of(), 0);
        }
        List<List<Compound>> one = feasible(ONE_STOP, laps, lifeFactor);
        List<List<Compound>> two = feasible(TWO_STOP, laps, lifeFactor);
        List<Compound> chosen;
        if (!one.isEmpty() && (roll < 0.72 || two.isEmpty())) {
            chosen = one.get(pick % one.size());
        } else if (!two.isEmpty()) {
            chosen = two.get(pick % two.size());
        } else {
            chosen = new ArrayList<>(List.of(M, H));
            while (usable(chosen, lifeFactor) < laps) {
                chosen.add(H);
            }
        }
        int n = chosen.size();
        if (laps < n) {
            chosen = chosen.subList(0, laps);
            n = laps;
        }
        double[] weight = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weight[i] = usable(chosen.get(i), lifeFactor) * (0.9 + 0.2 * jitter[i % jitter.length]);
            sum += weight[i];
        }
        List<Integer> stops = new ArrayList<>();
        double cumulative = 0;
        int previous = 0;
        for (int i = 0; i < n - 1; i++) {
            cumulative += weight[i];
            int stop = (int) Math.round(laps * cumulative / sum);
            int remainingStints = n - 1 - i;
            stop = Math.max(previous + 1, Math.min(stop, laps - remainingStints));
            stop = Math.min(stop, previous + (int) Math.floor(usable(chosen.get(i), lifeFactor)));
            stops.add(stop);
            previous = stop;
        }
        Compound first = chosen.get(0);
        int startAge = usedStartSet && first != H && laps > 10 ? 2 + (pick & 1) : 0;
        if (startAge > 0 && stops.get(0) + startAge > usable(first, lifeFactor)) {
            startAge = 0;
        }
        return new PitStrategy(chosen, stops, startAge);
    }

    /** The noPit car's single stint: the longest-lived slick whose cliff comes inside the race. */
    static PitStrategy noStop(int laps) {
        Compound c = S;
        for (Compound k : List.of(H, M, S)) {
            if (TyreSpec.nominalLifeLaps(k) <= 0.8 * laps) {
                c = k;
                break;
            }
        }
        return new PitStrategy(List.of(c), List.of(), 0);
    }

    static double usable(Compound c, double lifeFactor) {
        return MAX_LIFE_USE * TyreSpec.nominalLifeLaps(c) * lifeFactor;
    }

    private static double usable(List<Compound> stints, double lifeFactor) {
        double sum = 0;
        for (Compound c : stints) {
            sum += usable(c, lifeFactor);
        }
        return sum;
    }

    private static List<List<Compound>> feasible(
            List<List<Compound>> options, int laps, double lifeFactor) {
        List<List<Compound>> out = new ArrayList<>();
        for (List<Compound> o : options) {
            if (usable(o, lifeFactor) >= laps) {
                out.add(o);
            }
        }
        return out;
    }
}
