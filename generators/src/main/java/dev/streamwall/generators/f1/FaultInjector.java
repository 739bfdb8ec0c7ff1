package dev.streamwall.generators.f1;

import static dev.streamwall.generators.f1.RaceSimulator.DT;
import static dev.streamwall.generators.f1.RaceSimulator.PHYSICS_HZ;
import static dev.streamwall.generators.f1.RaceSimulator.TICK_MS;
import static dev.streamwall.generators.f1.RaceSimulator.secondsToTicks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans the faults a race injects, runs each through its window, bends the sensor values it affects
 * and records its ground-truth label when it ends.
 */
final class FaultInjector {

    /** No fault starts or runs in these last laps, so every label closes before the flag. */
    private static final int QUIET_FINAL_LAPS = 2;

    /** A slow puncture starts at least this far into the lap, m. */
    private static final double PUNCTURE_EARLIEST_M = 2300;

    /** A slow puncture starts at least this far before pit entry, m. */
    private static final double PUNCTURE_BEFORE_PIT_ENTRY_M = 350;

    /** A punctured tyre never reads below this, psi. */
    private static final double PUNCTURE_FLOOR_PSI = 8;

    private static final long BRAKE_RAMP_TICKS = FaultSignatures.BRAKE_RAMP_MS / TICK_MS;

    private final String raceId;
    private final long startTime;
    private final int totalLaps;
    private final double length;
    private final double pitEntry;
    private final List<InjectedFault> faults = new ArrayList<>();
    private final List<FaultLabel> labels = new ArrayList<>();
    private int labelsPolled;

    /** Plans the configured faults and assigns them to cars, drawing from {@code rng} only. */
    FaultInjector(RaceConfig config, StartingGrid grid, SplittableRandom rng) {
        this.raceId = config.raceId();
        this.startTime = config.startTime();
        this.totalLaps = config.laps();
        this.length = config.circuit().length;
        this.pitEntry = config.circuit().pitEntry;
        resolveFaults(config, grid, rng);
    }

    /** The faults this race will inject: type and car, before any of them has happened. */
    List<FaultSpec> planned() {
        List<FaultSpec> out = new ArrayList<>();
        for (InjectedFault f : faults) {
            out.add(FaultSpec.of(f.type, f.car.number));
        }
        return out;
    }

    /** Labels of the faults that have ended so far, in the order they ended. */
    List<FaultLabel> labels() {
        return Collections.unmodifiableList(labels);
    }

    /** Labels that ended since the previous call. */
    List<FaultLabel> pollLabels() {
        if (labelsPolled == labels.size()) {
            return List.of();
        }
        List<FaultLabel> out = new ArrayList<>(labels.subList(labelsPolled, labels.size()));
        labelsPolled = labels.size();
        return out;
    }

    private void resolveFaults(RaceConfig config, StartingGrid grid, SplittableRandom rng) {
        List<FaultSpec> specs = new ArrayList<>();
        switch (config.faultMode()) {
            case NONE -> {}
            case EXPLICIT -> specs.addAll(config.faults());
            case ONE_OF_EACH -> {
                if (totalLaps >= RaceConfig.MIN_LAPS_FOR_FAULTS) {
                    for (FaultType t : FaultType.values()) {
                        specs.add(FaultSpec.of(t));
                    }
                }
            }
        }
        List<CarState> eligible = new ArrayList<>();
        for (CarState c : grid.byNumber()) {
            if (!c.noPit) {
                eligible.add(c);
            }
        }
        for (int i = eligible.size() - 1; i > 0; i--) {
            Collections.swap(eligible, i, rng.nextInt(i + 1));
        }
        for (FaultSpec s : specs) {
            if (s.car() != null) {
                eligible.remove(grid.car(s.car()));
            }
        }
        int free = 0;
        for (FaultSpec s : specs) {
            CarState c;
            if (s.car() != null) {
                c = grid.car(s.car());
            } else if (free < eligible.size()) {
                c = eligible.get(free++);
            } else {
                break;
            }
            faults.add(newFault(s.type(), c, rng));
        }
        for (InjectedFault f : faults) {
            f.car.fault = f;
        }
    }

    private InjectedFault newFault(FaultType type, CarState c, SplittableRandom rng) {
        InjectedFault f = new InjectedFault(type, c);
        f.startLap = 3 + rng.nextInt(Math.max(1, totalLaps - 7));
        int corner = rng.nextInt(4);
        double u = rng.nextDouble();
        double u2 = rng.nextDouble();
        double u3 = rng.nextDouble();
        switch (type) {
            case BRAKE_OVERHEAT -> {
                f.startDistance = length * u3;
                f.corner = corner;
                f.channel = Channels.NAMES[Channels.BRAKE_TEMP + corner];
                f.durationTicks = secondsToTicks(60 + 60 * u);
                f.level = 1130 + 100 * u2;
            }
            case SLOW_PUNCTURE -> {
                f.startDistance =
                        PUNCTURE_EARLIEST_M
                                + (pitEntry - PUNCTURE_BEFORE_PIT_ENTRY_M - PUNCTURE_EARLIEST_M)
                                        * u3;
                f.corner = corner;
                f.channel = Channels.NAMES[Channels.TYRE_PRESSURE + corner];
                f.leakSeconds = 100 + 20 * u;
                f.maxDrop = 5.5 + rng.nextDouble();
                f.level = 15 + 7 * u2;
            }
            case ENGINE_OVERHEAT -> {
                f.startDistance = length * u3;
                f.channel = Channels.NAMES[Channels.ENGINE];
                f.rampTicks = secondsToTicks(20 + 10 * u);
                f.durationTicks = f.rampTicks + secondsToTicks(55 + 10 * u2);
                f.level = 130.5 + 9 * rng.nextDouble();
            }
            case STUCK_SENSOR -> {
                f.startDistance = length * u3;
                int ch = Channels.TYRE_TEMP + rng.nextInt(Channels.ENGINE - Channels.TYRE_TEMP + 1);
                f.stuckChannel = ch;
                f.channel = Channels.NAMES[ch];
                f.durationTicks = secondsToTicks(30 + 30 * u);
            }
            case SENSOR_DROPOUT -> {
                f.startDistance = 600 + 4200 * u3;
                f.durationTicks = secondsToTicks(5 + 5 * u);
            }
        }
        return f;
    }

    /** Starts a car's fault when it reaches the planned spot, advances it, or ends it. */
    void update(CarState c, long tick) {
        InjectedFault f = c.fault;
        if (f == null || f.labelled) {
            return;
        }
        if (f.startTick < 0) {
            if (c.finished || c.lap >= totalLaps - QUIET_FINAL_LAPS) {
                return;
            }
            boolean reached =
                    c.lap > f.startLap || (c.lap == f.startLap && c.lapDist >= f.startDistance);
            if (reached) {
                trigger(c, f, tick);
            }
            return;
        }
        if (f.type == FaultType.SLOW_PUNCTURE) {
            // Fast at first, slower as the pressure difference falls, but never flat.
            c.punctureDrop = f.maxDrop * (1 - Math.exp(-(tick - f.startTick) * DT / f.leakSeconds));
        } else if (tick > f.endTick) {
            endFault(f, f.endTick);
        }
    }

    private static void trigger(CarState c, InjectedFault f, long tick) {
        f.triggerTick = tick;
        if (f.type == FaultType.BRAKE_OVERHEAT) {
            f.startTick = tick + BRAKE_RAMP_TICKS;
        } else {
            f.startTick = tick;
        }
        f.endTick =
                f.type == FaultType.SLOW_PUNCTURE ? Long.MAX_VALUE : f.startTick + f.durationTicks;
        if (f.type == FaultType.SLOW_PUNCTURE) {
            f.startPressure = CarPhysics.hotPressure(f.corner, c.tyreCore);
        }
    }

    /** A new lap has begun: a fault still running this close to the end is cut short. */
    void onNewLap(CarState c, long tick) {
        if (c.lap >= totalLaps - QUIET_FINAL_LAPS) {
            endActiveFault(c, tick);
        }
    }

    /** Ends the car's fault now if it is running. */
    void endActiveFault(CarState c, long tick) {
        if (c.fault != null && c.fault.active()) {
            endFault(c.fault, tick);
        }
    }

    /** Ends {@code f} at {@code endTick} and records its label, unless it never got going. */
    void endFault(InjectedFault f, long endTick) {
        if (f.labelled) {
            return;
        }
        if (f.startTick < 0 || f.startTick > endTick) {
            // Cut short before its window opened (for example by the flag): nothing to label.
            f.labelled = true;
            f.endTick = endTick;
            f.startTick = Math.min(Math.max(f.startTick, 0), endTick);
            f.cancelled = true;
            return;
        }
        f.endTick = endTick;
        f.labelled = true;
        labels.add(
                new FaultLabel(
                        raceId,
                        f.car.number,
                        f.type,
                        f.channel,
                        startTime + f.startTick * TICK_MS,
                        startTime + f.endTick * TICK_MS));
    }

    /** Whether a sensor dropout silences the car at {@code tick}. */
    boolean silenced(CarState c, long tick) {
        InjectedFault f = c.fault;
        return f != null
                && f.type == FaultType.SENSOR_DROPOUT
                && f.startTick >= 0
                && tick >= f.startTick
                && tick <= f.endTick;
    }

    /** Bends the car's true sensor values {@code val} by its fault, if one is showing. */
    void distort(CarState c, double[] val, long tick) {
        InjectedFault f = c.fault;
        if (f == null || f.startTick < 0 || f.cancelled) {
            return;
        }
        switch (f.type) {
            case BRAKE_OVERHEAT -> overheatBrake(f, val, tick);
            case ENGINE_OVERHEAT -> overheatEngine(f, val, tick);
            case SLOW_PUNCTURE -> deflate(c, f, val, tick);
            default -> {}
        }
    }

    private static void overheatBrake(InjectedFault f, double[] val, long tick) {
        int ch = Channels.BRAKE_TEMP + f.corner;
        double w;
        if (tick < f.startTick) {
            w = (double) (tick - f.triggerTick) / (f.startTick - f.triggerTick);
        } else if (tick <= f.endTick) {
            w = 1;
        } else {
            w = 1 - (double) (tick - f.endTick) / BRAKE_RAMP_TICKS;
        }
        if (w <= 0) {
            return;
        }
        double natural = val[ch];
        double hot =
                f.level
                        + 0.15 * (natural - 500)
                        + 20 * Math.sin((tick - f.triggerTick) * (2 * Math.PI / (7 * PHYSICS_HZ)));
        hot = Math.max(hot, FaultSignatures.BRAKE_OVERHEAT_MIN_C + 15);
        val[ch] = natural + Math.min(1, w) * (hot - natural);
    }

    private static void overheatEngine(InjectedFault f, double[] val, long tick) {
        double natural = val[Channels.ENGINE];
        long since = tick - f.startTick;
        if (since < f.rampTicks) {
            val[Channels.ENGINE] = natural + (f.level - natural) * since / f.rampTicks;
        } else if (tick <= f.endTick) {
            val[Channels.ENGINE] =
                    f.level + 0.6 * Math.sin(since * (2 * Math.PI / (11 * PHYSICS_HZ)));
        } else {
            double decay = Math.exp(-(tick - f.endTick) * DT / 10.0);
            if (decay > 1e-3) {
                val[Channels.ENGINE] = natural + (f.level - natural) * decay;
            }
        }
    }

    private static void deflate(CarState c, InjectedFault f, double[] val, long tick) {
        if (tick > f.endTick) {
            return;
        }
        int k = f.corner;
        double ramp = Math.min(1, (tick - f.startTick) * DT / 20.0);
        // The leak dominates the reading: temperature swings no longer show in it.
        val[Channels.TYRE_PRESSURE + k] =
                Math.max(PUNCTURE_FLOOR_PSI, f.startPressure - c.punctureDrop);
        val[Channels.TYRE_TEMP + k] += f.level * ramp;
    }

    /** Holds a stuck channel of the noisy readings {@code out} at its first stuck value. */
    void holdStuck(CarState c, double[] out, long tick) {
        InjectedFault f = c.fault;
        if (f != null
                && f.type == FaultType.STUCK_SENSOR
                && f.startTick >= 0
                && !f.cancelled
                && tick >= f.startTick
                && tick <= f.endTick) {
            if (Double.isNaN(f.stuckValue)) {
                f.stuckValue = out[f.stuckChannel];
            }
            out[f.stuckChannel] = f.stuckValue;
        }
    }
}
