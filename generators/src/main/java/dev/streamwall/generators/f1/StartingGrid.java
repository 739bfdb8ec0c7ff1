package dev.streamwall.generators.f1;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Lines the field up: each car's pace, tyre life and strategy, then its starting state. */
final class StartingGrid {

    /** Reaction time of the pole sitter at lights out, s. */
    private static final double LAUNCH_REACTION_S = 0.15;

    /** Extra delay per grid slot before a car gets going, s. */
    private static final double LAUNCH_STAGGER_S = 0.16;

    private static final double LAUNCH_SPREAD_S = 0.12;

    private final CarState[] byNumber;
    private final CarState[] byQualifying;

    /**
     * Builds the cars in entry order, drawing each car's own generators from {@code root}, then
     * lines them up in qualifying order.
     */
    StartingGrid(
            RaceConfig config,
            SplittableRandom root,
            SplittableRandom gridRng,
            SplittableRandom strategyRng) {
        int totalLaps = config.laps();
        double length = config.circuit().length;
        List<Grid.Entry> entries = config.entries();
        int n = entries.size();
        byNumber = new CarState[n];
        for (int i = 0; i < n; i++) {
            Grid.Entry e = entries.get(i);
            CarState c = new CarState(e, root.split(), root.split(), length);
            c.paceOffset = e.paceOffset() + (gridRng.nextDouble() - 0.5) * 0.2;
            c.qualifying = c.paceOffset + (gridRng.nextDouble() - 0.5) * 0.5;
            c.noPit = e.car() == config.noPitCar();
            c.lifeFactor =
                    c.noPit ? 0.8 + 0.2 * gridRng.nextDouble() : 0.8 + 0.4 * gridRng.nextDouble();
            c.strategy =
                    c.noPit
                            ? PitStrategy.noStop(totalLaps)
                            : PitStrategy.plan(totalLaps, c.lifeFactor, strategyRng.split());
            byNumber[i] = c;
        }
        Arrays.sort(byNumber, Comparator.comparingInt(c -> c.number));
        byQualifying = byNumber.clone();
        Arrays.sort(byQualifying, Comparator.comparingDouble(c -> c.qualifying));
        for (int i = 0; i < n; i++) {
            CarState c = byQualifying[i];
            c.gridSlot = i;
            c.position = i + 1;
            c.launchTime =
                    LAUNCH_REACTION_S + LAUNCH_STAGGER_S * i + LAUNCH_SPREAD_S * c.rng.nextDouble();
            initCar(c, totalLaps, length);
        }
    }

    /** The cars by car number. */
    CarState[] byNumber() {
        return byNumber;
    }

    /** A copy of the starting order, pole first. */
    CarState[] startingOrder() {
        return byQualifying.clone();
    }

    CarState car(int number) {
        for (CarState c : byNumber) {
            if (c.number == number) {
                return c;
            }
        }
        throw new IllegalArgumentException("car " + number + " is not in this race");
    }

    private static void initCar(CarState c, int totalLaps, double length) {
        c.lap = 1;
        c.lapDist = 0;
        c.v = 0;
        c.stint = 0;
        c.fitTyres(c.strategy.compounds().get(0), c.strategy.startTyreAge(), 1);
        c.tyreCore = CarPhysics.BLANKET_TEMP_C - 1 + 2 * c.rng.nextDouble();
        for (int k = 0; k < 4; k++) {
            c.brakeTemp[k] = 380 + 40 * c.rng.nextDouble();
        }
        c.engineTemp = 100 + 2 * c.rng.nextDouble();
        c.fuelTarget = 1.0 + c.rng.nextDouble();
        c.fuel = c.fuelTarget + totalLaps * (1.90 + 0.07 * c.rng.nextDouble());
        c.burnPerMetre = (c.fuel - c.fuelTarget) / (totalLaps * length);
        c.brakeScale = 0.95 + 0.1 * c.rng.nextDouble();
        Classification.startTiming(c, totalLaps, length);
        c.lapNoise = c.rng.nextGaussian() * CarPhysics.LAP_NOISE_S;
        c.finishTick = Long.MAX_VALUE;
    }
}
