package dev.streamwall.generators.f1;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Mutable state of one car. */
final class CarState {
    final int number;
    final String driver;
    final String team;
    final SplittableRandom rng;
    final SplittableRandom noise;
    final double[] values = new double[Channels.COUNT];
    final double[] last = new double[Channels.COUNT];
    final double[] previous = new double[Channels.COUNT];
    private final double lapLength;

    double paceOffset;
    double qualifying;
    double lifeFactor;
    boolean noPit;
    PitStrategy strategy;
    int stint;
    int gridSlot;
    double launchTime;

    int lap;
    double lapDist;
    double v;
    double throttle;
    double brake;
    double gLat;
    double gLong;
    double lapNoise;

    Compound compound;
    int tyreAgeBase;
    int fittedLap;
    double wear;
    double wearPerLap;
    double tyreCore;
    double punctureDrop;
    final double[] brakeTemp = new double[4];
    double brakeScale;
    double engineTemp;
    double fuel;
    double fuelTarget;
    double burnPerMetre;

    boolean boxThisLap;
    PitPhase pitPhase = PitPhase.NONE;
    boolean inPit;
    long releaseTick;

    boolean drsEligible;
    boolean drsOpen;

    int position;
    Double gapAhead;
    Double gapBehind;
    double followGap = Double.POSITIVE_INFINITY;
    double[] cross;
    int nCross;

    boolean finished;
    long finishTick;
    double finishTime;
    double finishRaceDist;
    double coolDownEnd;
    boolean done;

    InjectedFault fault;

    CarState(Grid.Entry e, SplittableRandom rng, SplittableRandom noise, double lapLength) {
        this.number = e.car();
        this.driver = e.driver();
        this.team = e.team();
        this.rng = rng;
        this.noise = noise;
        this.lapLength = lapLength;
        Arrays.fill(last, Double.NaN);
    }

    double raceDist() {
        return (lap - 1) * lapLength + lapDist;
    }

    double effectiveRaceDist() {
        return finished ? finishRaceDist : raceDist();
    }

    /** Puts a set of {@code compound} on the car, {@code age} laps old, from {@code fittedLap}. */
    void fitTyres(Compound compound, int age, int fittedLap) {
        this.compound = compound;
        wearPerLap =
                TyreSpec.CLIFF_WEAR_PERCENT / (TyreSpec.nominalLifeLaps(compound) * lifeFactor);
        wear = age * wearPerLap;
        tyreAgeBase = age;
        this.fittedLap = fittedLap;
    }

    /** The car's fault if it is a slow puncture that is leaking now, else null. */
    InjectedFault activePuncture() {
        return fault != null && fault.type == FaultType.SLOW_PUNCTURE && fault.active()
                ? fault
                : null;
    }
}
