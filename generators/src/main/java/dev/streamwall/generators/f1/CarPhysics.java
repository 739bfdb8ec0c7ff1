package dev.streamwall.generators.f1;

import static dev.streamwall.generators.f1.RaceSimulator.DT;

/**
 * Moves a car through one physics tick: target speed, pedals, temperatures, tyre wear, fuel, and
 * the lines it crosses.
 */
final class CarPhysics {

    /** Hot-pressure reference temperature of the tyres, and what the blankets heat them to, °C. */
    static final double BLANKET_TEMP_C = 70;

    /** Per-corner offsets of tyre temperature (the left front works hardest at Silverstone). */
    static final double[] TYRE_TEMP_OFFSET = {2.5, 1.0, -1.5, 0.0};

    /** Standard deviation of a car's lap-to-lap pace, s. */
    static final double LAP_NOISE_S = 0.15;

    /** Seconds per lap every car gives away to the reference lap in race trim. */
    private static final double RACE_TRIM_SECONDS = 0.6;

    private static final double FUEL_SECONDS_PER_KG = 0.03;
    private static final double VSC_SPEED_FACTOR = 0.74;
    private static final double SC_SPEED_FACTOR = 0.62;
    private static final double SC_MAX_SPEED = 55;

    /** Behind the safety car a car closes up to at least this gap, m. */
    private static final double SC_MIN_FOLLOW_M = 25;

    private static final double COOL_DOWN_SPEED_FACTOR = 0.6;
    private static final double COOL_DOWN_SECONDS = 5;
    private static final double DRS_GAP_SECONDS = 1.0;
    private static final double DRS_GAIN = 0.03;

    /** Distance past the activation point over which the DRS gain builds up, m. */
    private static final double DRS_BUILD_UP_M = 250;

    /** Close behind another car, turbulent air costs grip in corners: passing needs DRS or pace. */
    private static final double DIRTY_AIR_M = 50;

    private static final double DIRTY_AIR_FACTOR = 0.994;

    /** Curvature above which a point of the lap counts as a corner, 1/m. */
    private static final double CORNER_CURVATURE = 0.002;

    /** Throttle held on the grid before the launch, %. */
    private static final double GRID_THROTTLE = 30;

    /** Within this of the green-flag profile a car drives the profile's own pedals, m/s. */
    private static final double ON_PROFILE_MS = 0.3;

    /** Accelerations smaller than this (beyond drag) need neither throttle nor brake, m/s². */
    private static final double PEDAL_DEAD_BAND = 0.3;

    private static final double TYRE_TIME_CONSTANT_S = 40;
    private static final double COLD_TYRE_SECONDS_PER_C = 0.3;
    private static final double COLD_TYRE_THRESHOLD_C = 90;
    private static final double CLIFF_STEP_S = 1.0;
    private static final double CLIFF_MAX_PENALTY_S = 25;

    /** Hot-pressure set points at {@link #BLANKET_TEMP_C}, psi. */
    private static final double[] PRESSURE_SET = {22.0, 22.0, 21.0, 21.0};

    private static final double[] BRAKE_BIAS = {0.64, 0.62, 0.42, 0.40};

    private final Circuit circuit;
    private final int totalLaps;
    private final double length;
    private final double referenceLap;
    private final RaceControl raceControl;
    private final PitWall pitWall;
    private final FaultInjector faults;

    CarPhysics(RaceConfig config, RaceControl raceControl, PitWall pitWall, FaultInjector faults) {
        this.circuit = config.circuit();
        this.totalLaps = config.laps();
        this.length = circuit.length;
        this.referenceLap = circuit.referenceLapSeconds();
        this.raceControl = raceControl;
        this.pitWall = pitWall;
        this.faults = faults;
    }

    /**
     * Pressure follows the carcass temperature, which does not see the tread's swing in corners.
     */
    static double hotPressure(int corner, double coreTemp) {
        return PRESSURE_SET[corner]
                * (coreTemp + TYRE_TEMP_OFFSET[corner] + 273.15)
                / (BLANKET_TEMP_C + 273.15);
    }

    /** Seconds per lap of tyre age before the cliff. */
    static double degradationPerLap(Compound c) {
        return switch (c) {
            case SOFT -> 0.09;
            case MEDIUM -> 0.06;
            case HARD -> 0.04;
            default -> 0.05;
        };
    }

    /** Advances car {@code c} by one tick, the one that starts at {@code tick}. */
    void step(CarState c, long tick) {
        if (c.done) {
            return;
        }
        double t = tick * DT;
        if (c.finished && t >= c.coolDownEnd) {
            c.done = true;
            return;
        }
        if (t < c.launchTime) {
            c.throttle = GRID_THROTTLE;
            c.brake = 0;
            thermals(c, 0, 0, 0);
            return;
        }
        if (c.pitPhase == PitPhase.STATIONARY) {
            pitWall.serveStop(c, tick);
            thermals(c, 0, 0, 0);
            return;
        }
        drive(c, tick, t);
    }

    private void drive(CarState c, long tick, double t) {
        double d = c.lapDist;
        double v = c.v;
        double vRef = circuit.referenceSpeed(d);
        double green = greenSpeed(c, d, vRef);
        double target = neutralisedSpeed(c, green, vRef, v);
        if (pitWall.reachedBox(c, d)) {
            pitWall.stopInBox(c, tick);
            thermals(c, 0, 0, 0);
            return;
        }
        target = pitWall.limitSpeed(c, d, target);

        double vNew;
        if (v < target) {
            vNew = Math.min(target, v + Circuit.accelerationLimit(v) * DT);
        } else {
            vNew = Math.max(target, v - Circuit.brakingLimit(v) * DT);
        }
        double a = (vNew - v) / DT;
        double vm = 0.5 * (v + vNew);
        boolean onProfile =
                c.pitPhase == PitPhase.NONE
                        && !c.boxThisLap
                        && target == green
                        && Math.abs(vNew - green) < ON_PROFILE_MS;
        pedals(c, d, a, vm, onProfile);
        c.v = vNew;
        double ds = vm * DT;
        double gLat = vm * vm * circuit.curvature(d) / Circuit.G;
        thermals(c, vm, gLat, a / Circuit.G);
        wearAndFuel(c, ds);
        move(c, d, ds, t, tick);
    }

    /** The speed the car would do under green at lap distance {@code d}, DRS and dirty air in. */
    private double greenSpeed(CarState c, double d, double vRef) {
        double f = paceFactor(c);
        double green = vRef * f;
        if (c.drsOpen) {
            Circuit.DrsZone z = circuit.drsZoneAt(d);
            if (z == null || raceControl.status() != TrackStatus.GREEN) {
                c.drsOpen = false;
            } else {
                green *= 1 + DRS_GAIN * Math.min(1, (d - z.activation()) / DRS_BUILD_UP_M);
            }
        }
        if (c.followGap < DIRTY_AIR_M
                && !c.drsOpen
                && Math.abs(circuit.curvature(d)) > CORNER_CURVATURE) {
            green *= DIRTY_AIR_FACTOR;
        }
        return green;
    }

    /** Caps {@code green} for the cool-down lap, a virtual safety car or a safety car. */
    private double neutralisedSpeed(CarState c, double green, double vRef, double v) {
        TrackStatus status = raceControl.status();
        double target = green;
        if (c.finished) {
            target = Math.min(target, COOL_DOWN_SPEED_FACTOR * vRef);
        } else if (status == TrackStatus.VSC) {
            target = Math.min(target, VSC_SPEED_FACTOR * vRef);
        } else if (status == TrackStatus.SC) {
            double base = Math.min(SC_SPEED_FACTOR * vRef, SC_MAX_SPEED);
            double k = 1;
            if (c.followGap != Double.POSITIVE_INFINITY) {
                double desired = Math.max(SC_MIN_FOLLOW_M, 0.9 * v);
                k = Math.max(0.7, Math.min(1.7, 1 + 0.5 * (c.followGap - desired) / desired));
            }
            target = Math.min(target, base * k);
        }
        return target;
    }

    /** Sets throttle and brake for acceleration {@code a} at mean speed {@code vm}. */
    private void pedals(CarState c, double d, double a, double vm, boolean onProfile) {
        if (onProfile) {
            c.throttle = circuit.referenceThrottle(d);
            c.brake = circuit.referenceBrake(d);
            return;
        }
        double drag = Circuit.drag(vm);
        if (a > PEDAL_DEAD_BAND) {
            double limit = Circuit.accelerationLimit(vm) + drag;
            c.throttle = Math.min(100, 100 * (a + drag) / limit);
            c.brake = 0;
        } else if (a < -drag - PEDAL_DEAD_BAND) {
            c.throttle = 0;
            c.brake = Math.min(100, 100 * (-a - drag) / (Circuit.brakingLimit(vm) - drag));
        } else {
            c.throttle = Math.min(100, 100 * drag / (Circuit.accelerationLimit(vm) + drag));
            c.brake = 0;
        }
    }

    private double paceFactor(CarState c) {
        double x = c.wear / c.wearPerLap;
        double cliffLaps = TyreSpec.CLIFF_WEAR_PERCENT / c.wearPerLap;
        double deg = degradationPerLap(c.compound) * Math.min(x, cliffLaps);
        if (x > cliffLaps) {
            double p = x - cliffLaps;
            deg += Math.min(CLIFF_MAX_PENALTY_S, CLIFF_STEP_S + 1.5 * p + 0.5 * p * p);
        }
        double cold = Math.max(0, COLD_TYRE_THRESHOLD_C - c.tyreCore) * COLD_TYRE_SECONDS_PER_C;
        double delta =
                RACE_TRIM_SECONDS
                        + c.paceOffset
                        + TyreSpec.paceOffsetSeconds(c.compound)
                        + c.lapNoise
                        + deg
                        + FUEL_SECONDS_PER_KG * c.fuel
                        + cold
                        + 0.25 * c.punctureDrop;
        return referenceLap / (referenceLap + delta);
    }

    private void thermals(CarState c, double v, double gLat, double gLong) {
        double work = v * (Math.abs(gLat) + 0.5 * Math.abs(gLong));
        double tyreTarget = 72 + 0.36 * work + compoundTempOffset(c.compound);
        c.tyreCore += (tyreTarget - c.tyreCore) * (DT / TYRE_TIME_CONSTANT_S);
        c.gLat = gLat;
        c.gLong = gLong;

        double airflow = 0.25 + 0.75 * Math.min(1.2, v / 80);
        double heat = c.brake * 0.01 * v / 80 * 800 * c.brakeScale;
        for (int k = 0; k < 4; k++) {
            double temp = c.brakeTemp[k];
            double saturation = temp < 850 ? 1 : Math.max(0, (1000 - temp) / 150);
            temp += DT * (heat * BRAKE_BIAS[k] * saturation - 0.12 * (temp - 300) * airflow);
            c.brakeTemp[k] = temp;
        }

        double engineTarget = 99 + 6 * c.throttle * 0.01 + 4 * (1 - Math.min(1, v / 60));
        c.engineTemp += (engineTarget - c.engineTemp) * (DT / 20);
    }

    private static double compoundTempOffset(Compound c) {
        return switch (c) {
            case SOFT -> 4;
            case HARD -> -4;
            default -> 0;
        };
    }

    private void wearAndFuel(CarState c, double ds) {
        double intensity;
        double burn;
        if (c.inPit) {
            intensity = 0.1;
            burn = 0.3;
        } else if (c.finished) {
            intensity = 0.2;
            burn = 0.3;
        } else if (raceControl.status().neutralised()) {
            intensity = 0.35;
            burn = 0.5;
        } else {
            intensity = 1;
            burn = 1;
        }
        c.wear = Math.min(100, c.wear + c.wearPerLap * intensity * ds / length);
        c.fuel = Math.max(0.2, c.fuel - c.burnPerMetre * burn * ds);
    }

    /** Moves the car {@code ds} on from lap distance {@code d}, handling the lines it crosses. */
    private void move(CarState c, double d, double ds, double t, long tick) {
        double rdOld = c.raceDist();
        double nd = d + ds;
        if (c.pitPhase == PitPhase.NONE) {
            pitWall.approach(c, d, nd, tick);
            drsLines(c, d, nd);
        }
        if (nd >= length) {
            nd -= length;
            c.lapDist = nd;
            c.lap++;
            crossFinishLine(c, t + DT, tick);
        } else {
            c.lapDist = nd;
        }
        pitWall.leavePitLane(c, nd);
        if (!c.finished) {
            Classification.recordCheckpoints(c, rdOld, t);
        }
    }

    /** DRS detection (within a second of the car ahead) and activation lines. */
    private void drsLines(CarState c, double d, double nd) {
        TrackStatus status = raceControl.status();
        for (Circuit.DrsZone z : circuit.drsZones) {
            if (d < z.detection() && nd >= z.detection()) {
                c.drsEligible =
                        status == TrackStatus.GREEN
                                && c.lap >= raceControl.drsFromLeaderLap()
                                && c.gapAhead != null
                                && c.gapAhead < DRS_GAP_SECONDS;
            }
            if (d < z.activation() && nd >= z.activation()) {
                c.drsOpen = c.drsEligible && status == TrackStatus.GREEN && !c.finished;
            }
        }
    }

    /** The car has just started a new lap at time {@code t}: the flag, or the next lap's plan. */
    private void crossFinishLine(CarState c, double t, long tick) {
        c.lapNoise = c.rng.nextGaussian() * LAP_NOISE_S;
        c.drsEligible = false;
        int completed = c.lap - 1;
        if (!c.finished
                && (completed >= totalLaps || raceControl.status() == TrackStatus.CHEQUERED)) {
            c.finished = true;
            c.finishTick = tick;
            c.finishTime = t;
            c.finishRaceDist = completed * length;
            c.coolDownEnd = t + COOL_DOWN_SECONDS;
            c.drsOpen = false;
            raceControl.showChequeredFlag();
            faults.endActiveFault(c, tick);
            return;
        }
        double remaining = (totalLaps - completed) * length;
        if (remaining > 0) {
            c.burnPerMetre = Math.max(0, (c.fuel - c.fuelTarget) / remaining);
        }
        faults.onNewLap(c, tick);
    }
}
