package dev.streamwall.generators.f1;

import dev.streamwall.generators.wire.IndexedReplay;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A deterministic, tick-based simulation of a whole race that yields every car's telemetry samples
 * in event-time order and records the ground truth of the faults it injects.
 *
 * <p>Physics runs at a fixed {@value #PHYSICS_HZ} Hz whatever the sample rate, so the race (lap
 * times, stops, faults) is the same at 1 Hz and at 100 Hz. Samples come out ordered by {@code ts},
 * then by car number. All randomness comes from {@link SplittableRandom}s split from the seed in a
 * fixed order; nothing reads the wall clock.
 */
public final class RaceSimulator implements Iterator<Telemetry>, IndexedReplay.Source<Telemetry> {

    public static final int PHYSICS_HZ = 100;
    static final double DT = 1.0 / PHYSICS_HZ;
    static final long TICK_MS = 1000 / PHYSICS_HZ;
    private static final int POSITION_EVERY_TICKS = PHYSICS_HZ / 10;

    private final RaceConfig config;
    private final boolean materialize;
    private final CarState[] cars;
    private final StartingGrid grid;
    private final Classification classification;
    private final RaceControl raceControl;
    private final FaultInjector faults;
    private final CarPhysics physics;
    private final TelemetrySampler sampler;

    private long tick;
    private boolean finished;

    private final Telemetry[] buffer;
    private int bufferSize;
    private int bufferPos;
    private long emitted;
    private long lastEmittedTs;

    public RaceSimulator(RaceConfig config) {
        this(config, true);
    }

    private RaceSimulator(RaceConfig config, boolean materialize) {
        this.config = config;
        this.materialize = materialize;

        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom gridRng = root.split();
        SplittableRandom strategyRng = root.split();
        SplittableRandom neutralisationRng = root.split();
        SplittableRandom faultRng = root.split();

        grid = new StartingGrid(config, root, gridRng, strategyRng);
        cars = grid.byNumber();
        classification = new Classification(grid.startingOrder());
        raceControl = new RaceControl(config, neutralisationRng);
        faults = new FaultInjector(config, grid, faultRng);
        PitWall pitWall = new PitWall(config, raceControl, faults);
        physics = new CarPhysics(config, raceControl, pitWall, faults);
        sampler = new TelemetrySampler(config, raceControl, faults);
        buffer = new Telemetry[cars.length];
    }

    /** The exact number of samples a race produces, from a fast run that builds no samples. */
    public static long countEvents(RaceConfig config) {
        RaceSimulator sim = new RaceSimulator(config, false);
        while (!sim.finished) {
            sim.advanceTick();
        }
        return sim.emitted;
    }

    static long secondsToTicks(double s) {
        return Math.round(s * PHYSICS_HZ);
    }

    public RaceConfig config() {
        return config;
    }

    @Override
    public boolean hasNext() {
        return bufferPos < bufferSize || fill();
    }

    @Override
    public Telemetry next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the race is over");
        }
        Telemetry t = buffer[bufferPos];
        buffer[bufferPos++] = null;
        return t;
    }

    /** Skips {@code n} samples, exactly as if they had been read. */
    public void skip(long n) {
        for (long i = 0; i < n && hasNext(); i++) {
            next();
        }
    }

    /** Samples produced so far (handed out or buffered). */
    public long emittedCount() {
        return emitted;
    }

    /** Event time of the most recent sample, epoch ms. */
    public long currentTs() {
        return lastEmittedTs;
    }

    /** Simulated time since lights out, ms. */
    public long simTimeMs() {
        return tick * TICK_MS;
    }

    /** The lap the leader is on (totalLaps + 1 once the leader has taken the flag). */
    public int leaderLap() {
        return classification.leader().lap;
    }

    public TrackStatus trackStatus() {
        return raceControl.status();
    }

    public boolean isFinished() {
        return finished && bufferPos >= bufferSize;
    }

    /** Labels of the faults that have ended so far, in the order they ended. */
    public List<FaultLabel> labels() {
        return faults.labels();
    }

    /** Labels that ended since the previous call. */
    public List<FaultLabel> pollLabels() {
        return faults.pollLabels();
    }

    /** The planned strategy of a car. */
    public PitStrategy strategy(int car) {
        return grid.car(car).strategy;
    }

    /** The neutralised periods this race will have (seeded or configured). */
    public List<Neutralisation> neutralisations() {
        return raceControl.neutralisations();
    }

    /** The faults this race will inject: type and car, before any of them has happened. */
    public List<FaultSpec> plannedFaults() {
        return faults.planned();
    }

    /** Finishing order (car numbers) once the race is over, or the current order before. */
    public List<Integer> classification() {
        return classification.carNumbers();
    }

    private boolean fill() {
        bufferPos = 0;
        bufferSize = 0;
        while (!finished) {
            advanceTick();
            if (bufferSize > 0) {
                return true;
            }
        }
        return false;
    }

    /** Emits the samples of the current tick (if it is a sample tick), then steps the physics. */
    private void advanceTick() {
        if (tick % POSITION_EVERY_TICKS == 0) {
            classification.update(tick);
        }
        raceControl.update(classification.leader(), tick);
        for (CarState c : cars) {
            faults.update(c, tick);
        }
        int hz = config.sampleHz();
        boolean sampleTick =
                tick == 0 || (tick * hz) / PHYSICS_HZ != ((tick - 1) * hz) / PHYSICS_HZ;
        if (sampleTick) {
            emit(config.startTime() + tick * TICK_MS);
        }
        boolean allDone = true;
        for (CarState c : cars) {
            physics.step(c, tick);
            allDone &= c.done;
        }
        tick++;
        if (allDone) {
            finished = true;
        }
    }

    /** Samples every car still running and not silenced by a dropout, at event time {@code ts}. */
    private void emit(long ts) {
        for (CarState c : cars) {
            if (c.done || faults.silenced(c, tick)) {
                continue;
            }
            emitted++;
            lastEmittedTs = ts;
            if (materialize) {
                buffer[bufferSize++] = sampler.sample(c, ts, tick);
            }
        }
    }
}
