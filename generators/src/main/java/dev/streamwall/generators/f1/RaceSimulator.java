package dev.streamwall.generators.f1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
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
public final class RaceSimulator implements Iterator<Telemetry> {

    public static final int PHYSICS_HZ = 100;
    static final double DT = 1.0 / PHYSICS_HZ;
    static final long TICK_MS = 1000 / PHYSICS_HZ;
    private static final int POSITION_EVERY_TICKS = PHYSICS_HZ / 10;

    /** Seconds per lap every car gives away to the reference lap in race trim. */
    private static final double RACE_TRIM_SECONDS = 0.6;

    private static final double FUEL_SECONDS_PER_KG = 0.03;
    private static final double VSC_SPEED_FACTOR = 0.74;
    private static final double SC_SPEED_FACTOR = 0.62;
    private static final double SC_MAX_SPEED = 55;
    private static final double COOL_DOWN_SPEED_FACTOR = 0.6;
    private static final double COOL_DOWN_SECONDS = 5;
    private static final double CHECKPOINT_M = 10;
    private static final double DRS_GAP_SECONDS = 1.0;
    private static final double DRS_GAIN = 0.03;

    /** Close behind another car, turbulent air costs grip in corners: passing needs DRS or pace. */
    private static final double DIRTY_AIR_M = 50;

    private static final double DIRTY_AIR_FACTOR = 0.994;
    private static final double PIT_CALL_BEFORE_ENTRY_M = 400;
    private static final double PIT_ENTRY_DECEL = 1.6 * Circuit.G;
    private static final double BOX_DECEL = 7.0;
    private static final double TYRE_TIME_CONSTANT_S = 40;
    private static final double BLANKET_TEMP_C = 70;
    private static final double COLD_TYRE_SECONDS_PER_C = 0.3;
    private static final double COLD_TYRE_THRESHOLD_C = 90;
    private static final double CLIFF_STEP_S = 1.0;
    private static final double CLIFF_MAX_PENALTY_S = 25;
    private static final double PUNCTURE_PIT_AFTER_S = 85;

    static final int CH_SPEED = 0;
    static final int CH_THROTTLE = 1;
    static final int CH_TYRE_TEMP = 2;
    static final int CH_TYRE_PRESSURE = 6;
    static final int CH_BRAKE_TEMP = 10;
    static final int CH_ENGINE = 14;
    static final int CHANNELS = 15;

    /** Channel names as they appear in the JSON, indexed like the simulator's channel constants. */
    static final String[] CHANNEL_NAMES =
            java.util.stream.Stream.concat(
                            java.util.stream.Stream.of("speed", "throttle"),
                            Telemetry.SENSOR_CHANNELS.stream())
                    .toArray(String[]::new);

    /** Top speed of each gear at 12,000 rpm, km/h. */
    private static final double[] GEAR_TOP_KMH = {105, 140, 170, 200, 232, 264, 298, 338};

    /** Per-corner offsets of tyre temperature (the left front works hardest at Silverstone). */
    private static final double[] TYRE_TEMP_OFFSET = {2.5, 1.0, -1.5, 0.0};

    /** Hot-pressure set points at {@link #BLANKET_TEMP_C}, psi. */
    private static final double[] PRESSURE_SET = {22.0, 22.0, 21.0, 21.0};

    private static final double[] BRAKE_BIAS = {0.64, 0.62, 0.42, 0.40};

    private final RaceConfig config;
    private final Circuit circuit;
    private final String raceId;
    private final int totalLaps;
    private final double length;
    private final double referenceLap;
    private final boolean materialize;
    private final Car[] cars;
    private final Car[] order;
    private final List<RaceConfig.Neutralisation> neutralisations;
    private final List<InjectedFault> faults = new ArrayList<>();
    private final List<FaultLabel> labels = new ArrayList<>();
    private int labelsPolled;

    private long tick;
    private TrackStatus status = TrackStatus.GREEN;
    private int nextNeutralisation;
    private RaceConfig.Neutralisation active;
    private long vscEndTick;
    private int scEndLeaderLap;
    private int drsFromLeaderLap = 3;
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
        this.circuit = config.circuit();
        this.raceId = config.raceId();
        this.totalLaps = config.laps();
        this.length = circuit.length;
        this.referenceLap = circuit.referenceLapSeconds();
        this.materialize = materialize;

        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom gridRng = root.split();
        SplittableRandom strategyRng = root.split();
        SplittableRandom neutralisationRng = root.split();
        SplittableRandom faultRng = root.split();

        List<Grid.Entry> entries = config.entries();
        int n = entries.size();
        cars = new Car[n];
        for (int i = 0; i < n; i++) {
            Grid.Entry e = entries.get(i);
            Car c = new Car(e, root.split(), root.split());
            c.paceOffset = e.paceOffset() + (gridRng.nextDouble() - 0.5) * 0.2;
            c.qualifying = c.paceOffset + (gridRng.nextDouble() - 0.5) * 0.5;
            c.noPit = e.car() == config.noPitCar();
            c.lifeFactor =
                    c.noPit ? 0.8 + 0.2 * gridRng.nextDouble() : 0.8 + 0.4 * gridRng.nextDouble();
            c.strategy =
                    c.noPit
                            ? PitStrategy.noStop(totalLaps)
                            : PitStrategy.plan(totalLaps, c.lifeFactor, strategyRng.split());
            cars[i] = c;
        }
        Arrays.sort(cars, Comparator.comparingInt(c -> c.number));
        order = cars.clone();
        Arrays.sort(order, Comparator.comparingDouble(c -> c.qualifying));
        for (int i = 0; i < n; i++) {
            Car c = order[i];
            c.gridSlot = i;
            c.position = i + 1;
            c.launchTime = 0.15 + 0.16 * i + 0.12 * c.rng.nextDouble();
            initCar(c);
        }
        neutralisations = resolveNeutralisations(neutralisationRng);
        resolveFaults(faultRng);
        buffer = new Telemetry[n];
    }

    /** The exact number of samples a race produces, from a fast run that builds no samples. */
    public static long countEvents(RaceConfig config) {
        RaceSimulator sim = new RaceSimulator(config, false);
        while (!sim.finished) {
            sim.advanceTick();
        }
        return sim.emitted;
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
        return order[0].lap;
    }

    public TrackStatus trackStatus() {
        return status;
    }

    public boolean isFinished() {
        return finished && bufferPos >= bufferSize;
    }

    /** Labels of the faults that have ended so far, in the order they ended. */
    public List<FaultLabel> labels() {
        return Collections.unmodifiableList(labels);
    }

    /** Labels that ended since the previous call. */
    public List<FaultLabel> pollLabels() {
        if (labelsPolled == labels.size()) {
            return List.of();
        }
        List<FaultLabel> out = new ArrayList<>(labels.subList(labelsPolled, labels.size()));
        labelsPolled = labels.size();
        return out;
    }

    /** The planned strategy of a car. */
    public PitStrategy strategy(int car) {
        return car(car).strategy;
    }

    /** The neutralised periods this race will have (seeded or configured). */
    public List<RaceConfig.Neutralisation> neutralisations() {
        return neutralisations;
    }

    /** The faults this race will inject: type and car, before any of them has happened. */
    public List<RaceConfig.FaultSpec> plannedFaults() {
        List<RaceConfig.FaultSpec> out = new ArrayList<>();
        for (InjectedFault f : faults) {
            out.add(RaceConfig.FaultSpec.of(f.type, f.car.number));
        }
        return out;
    }

    /** Finishing order (car numbers) once the race is over, or the current order before. */
    public List<Integer> classification() {
        List<Integer> out = new ArrayList<>();
        for (Car c : order) {
            out.add(c.number);
        }
        return out;
    }

    private Car car(int number) {
        for (Car c : cars) {
            if (c.number == number) {
                return c;
            }
        }
        throw new IllegalArgumentException("car " + number + " is not in this race");
    }

    private void initCar(Car c) {
        c.lap = 1;
        c.lapDist = 0;
        c.v = 0;
        c.stint = 0;
        fitTyres(c, c.strategy.compounds().get(0), c.strategy.startTyreAge(), 1);
        c.tyreCore = BLANKET_TEMP_C - 1 + 2 * c.rng.nextDouble();
        for (int k = 0; k < 4; k++) {
            c.brakeTemp[k] = 380 + 40 * c.rng.nextDouble();
        }
        c.engineTemp = 100 + 2 * c.rng.nextDouble();
        c.fuelTarget = 1.0 + c.rng.nextDouble();
        c.fuel = c.fuelTarget + totalLaps * (1.90 + 0.07 * c.rng.nextDouble());
        c.burnPerMetre = (c.fuel - c.fuelTarget) / (totalLaps * length);
        c.brakeScale = 0.95 + 0.1 * c.rng.nextDouble();
        c.cross = new double[(int) ((totalLaps + 2) * length / CHECKPOINT_M) + 4];
        c.cross[0] = 0;
        c.nCross = 1;
        c.lapNoise = c.rng.nextGaussian() * 0.15;
        c.finishTick = Long.MAX_VALUE;
    }

    private void fitTyres(Car c, Compound compound, int age, int fittedLap) {
        c.compound = compound;
        c.wearPerLap =
                TyreSpec.CLIFF_WEAR_PERCENT / (TyreSpec.nominalLifeLaps(compound) * c.lifeFactor);
        c.wear = age * c.wearPerLap;
        c.tyreAgeBase = age;
        c.fittedLap = fittedLap;
    }

    private List<RaceConfig.Neutralisation> resolveNeutralisations(SplittableRandom rng) {
        List<RaceConfig.Neutralisation> list = new ArrayList<>();
        switch (config.neutralisationMode()) {
            case NONE -> {}
            case EXPLICIT -> list.addAll(config.neutralisations());
            case SEEDED -> {
                if (totalLaps >= 20) {
                    int vscLap = 8 + rng.nextInt(totalLaps - 17);
                    list.add(
                            RaceConfig.Neutralisation.vsc(
                                    vscLap,
                                    0.1 + 0.8 * rng.nextDouble(),
                                    60 + 60 * rng.nextDouble()));
                    if (rng.nextDouble() < 0.6) {
                        for (int attempt = 0; attempt < 10; attempt++) {
                            int scLap = 10 + rng.nextInt(totalLaps - 17);
                            if (Math.abs(scLap - vscLap) >= 6) {
                                list.add(
                                        RaceConfig.Neutralisation.safetyCar(
                                                scLap,
                                                0.1 + 0.8 * rng.nextDouble(),
                                                3 + rng.nextInt(2)));
                                break;
                            }
                        }
                    }
                } else if (totalLaps >= 10) {
                    list.add(
                            RaceConfig.Neutralisation.vsc(
                                    4 + rng.nextInt(totalLaps - 7),
                                    0.1 + 0.8 * rng.nextDouble(),
                                    45 + 45 * rng.nextDouble()));
                }
            }
        }
        list.sort(
                Comparator.comparingInt(RaceConfig.Neutralisation::lap)
                        .thenComparingDouble(RaceConfig.Neutralisation::lapFraction));
        return List.copyOf(list);
    }

    private void resolveFaults(SplittableRandom rng) {
        List<RaceConfig.FaultSpec> specs = new ArrayList<>();
        switch (config.faultMode()) {
            case NONE -> {}
            case EXPLICIT -> specs.addAll(config.faults());
            case ONE_OF_EACH -> {
                if (totalLaps >= RaceConfig.MIN_LAPS_FOR_FAULTS) {
                    for (FaultType t : FaultType.values()) {
                        specs.add(RaceConfig.FaultSpec.of(t));
                    }
                }
            }
        }
        List<Car> eligible = new ArrayList<>();
        for (Car c : cars) {
            if (!c.noPit) {
                eligible.add(c);
            }
        }
        for (int i = eligible.size() - 1; i > 0; i--) {
            Collections.swap(eligible, i, rng.nextInt(i + 1));
        }
        for (RaceConfig.FaultSpec s : specs) {
            if (s.car() != null) {
                eligible.remove(car(s.car()));
            }
        }
        int free = 0;
        for (RaceConfig.FaultSpec s : specs) {
            Car c;
            if (s.car() != null) {
                c = car(s.car());
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

    private InjectedFault newFault(FaultType type, Car c, SplittableRandom rng) {
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
                f.channel = CHANNEL_NAMES[CH_BRAKE_TEMP + corner];
                f.durationTicks = secondsToTicks(60 + 60 * u);
                f.level = 1130 + 100 * u2;
            }
            case SLOW_PUNCTURE -> {
                f.startDistance = 2300 + (circuit.pitEntry - 350 - 2300) * u3;
                f.corner = corner;
                f.channel = CHANNEL_NAMES[CH_TYRE_PRESSURE + corner];
                f.leakSeconds = 100 + 20 * u;
                f.maxDrop = 5.5 + rng.nextDouble();
                f.level = 15 + 7 * u2;
            }
            case ENGINE_OVERHEAT -> {
                f.startDistance = length * u3;
                f.channel = CHANNEL_NAMES[CH_ENGINE];
                f.rampTicks = secondsToTicks(20 + 10 * u);
                f.durationTicks = f.rampTicks + secondsToTicks(55 + 10 * u2);
                f.level = 130.5 + 9 * rng.nextDouble();
            }
            case STUCK_SENSOR -> {
                f.startDistance = length * u3;
                int ch = CH_TYRE_TEMP + rng.nextInt(CH_ENGINE - CH_TYRE_TEMP + 1);
                f.stuckChannel = ch;
                f.channel = CHANNEL_NAMES[ch];
                f.durationTicks = secondsToTicks(30 + 30 * u);
            }
            case SENSOR_DROPOUT -> {
                f.startDistance = 600 + 4200 * u3;
                f.durationTicks = secondsToTicks(5 + 5 * u);
            }
        }
        return f;
    }

    private static long secondsToTicks(double s) {
        return Math.round(s * PHYSICS_HZ);
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
            updatePositions();
        }
        updateTrackStatus();
        for (Car c : cars) {
            updateFault(c);
        }
        int hz = config.sampleHz();
        boolean sampleTick =
                tick == 0 || (tick * hz) / PHYSICS_HZ != ((tick - 1) * hz) / PHYSICS_HZ;
        if (sampleTick) {
            long ts = config.startTime() + tick * TICK_MS;
            for (Car c : cars) {
                if (c.done || silenced(c)) {
                    continue;
                }
                emitted++;
                lastEmittedTs = ts;
                if (materialize) {
                    buffer[bufferSize++] = sample(c, ts);
                }
            }
        }
        boolean allDone = true;
        for (Car c : cars) {
            step(c);
            allDone &= c.done;
        }
        tick++;
        if (allDone) {
            finished = true;
        }
    }

    private boolean silenced(Car c) {
        InjectedFault f = c.fault;
        return f != null
                && f.type == FaultType.SENSOR_DROPOUT
                && f.startTick >= 0
                && tick >= f.startTick
                && tick <= f.endTick;
    }

    private void updateTrackStatus() {
        if (status == TrackStatus.CHEQUERED) {
            return;
        }
        Car leader = order[0];
        if (active != null) {
            boolean over =
                    active.status() == TrackStatus.VSC
                            ? tick >= vscEndTick
                            : leader.lap >= scEndLeaderLap;
            if (over) {
                active = null;
                status = TrackStatus.GREEN;
                drsFromLeaderLap = leader.lap + 2;
            }
            return;
        }
        if (nextNeutralisation < neutralisations.size()) {
            RaceConfig.Neutralisation n = neutralisations.get(nextNeutralisation);
            boolean reached =
                    leader.lap > n.lap()
                            || (leader.lap == n.lap()
                                    && leader.lapDist >= n.lapFraction() * length);
            if (reached) {
                nextNeutralisation++;
                if (leader.lap > n.lap() + 1) {
                    return;
                }
                active = n;
                status = n.status();
                vscEndTick = tick + secondsToTicks(n.durationSeconds());
                scEndLeaderLap = leader.lap + n.laps();
            }
        }
    }

    private void updatePositions() {
        Car[] o = order;
        for (int i = 1; i < o.length; i++) {
            Car c = o[i];
            int j = i - 1;
            while (j >= 0 && ahead(c, o[j])) {
                o[j + 1] = o[j];
                j--;
            }
            o[j + 1] = c;
        }
        double now = tick * DT;
        Car onTrackAhead = null;
        for (int i = 0; i < o.length; i++) {
            Car c = o[i];
            c.position = i + 1;
            if (i == 0) {
                c.gapAhead = null;
            } else {
                double x = c.effectiveRaceDist();
                double mine = c.finished ? c.finishTime : now;
                double gap = mine - timeAt(o[i - 1], x, now);
                c.gapAhead = Math.max(0, Math.round(gap * 1000) / 1000.0);
            }
            c.followGap =
                    onTrackAhead == null
                            ? Double.POSITIVE_INFINITY
                            : onTrackAhead.raceDist() - c.raceDist();
            if (!c.inPit && !c.finished) {
                onTrackAhead = c;
            }
        }
        for (int i = 0; i < o.length; i++) {
            o[i].gapBehind = i + 1 < o.length ? o[i + 1].gapAhead : null;
        }
    }

    /** Whether {@code a} is ahead of {@code b} in the running order. */
    private static boolean ahead(Car a, Car b) {
        double da = a.effectiveRaceDist();
        double db = b.effectiveRaceDist();
        if (da != db) {
            return da > db;
        }
        if (a.finishTick != b.finishTick) {
            return a.finishTick < b.finishTick;
        }
        return a.gridSlot < b.gridSlot;
    }

    /** When car {@code x} passed race distance {@code d}, in seconds since the start. */
    private static double timeAt(Car x, double d, double now) {
        int k = (int) (d / CHECKPOINT_M);
        if (k < 0) {
            return 0;
        }
        if (k + 1 < x.nCross) {
            double t0 = x.cross[k];
            double t1 = x.cross[k + 1];
            return t0 + (t1 - t0) * (d - k * CHECKPOINT_M) / CHECKPOINT_M;
        }
        if (k < x.nCross) {
            double d0 = k * CHECKPOINT_M;
            double lastD = x.finished ? x.effectiveRaceDist() : x.raceDist();
            double lastT = x.finished ? x.finishTime : now;
            if (lastD <= d0) {
                return x.cross[k];
            }
            double t0 = x.cross[k];
            return t0 + (lastT - t0) * Math.min(1, (d - d0) / (lastD - d0));
        }
        return now;
    }

    private void step(Car c) {
        if (c.done) {
            return;
        }
        double t = tick * DT;
        if (c.finished && t >= c.coolDownEnd) {
            c.done = true;
            return;
        }
        if (t < c.launchTime) {
            c.throttle = 30;
            c.brake = 0;
            thermals(c, 0, 0, 0);
            return;
        }
        if (c.pitPhase == PitPhase.STATIONARY) {
            c.v = 0;
            c.throttle = 0;
            c.brake = 0;
            if (tick >= c.releaseTick) {
                changeTyres(c);
                c.pitPhase = PitPhase.LEAVING;
            }
            thermals(c, 0, 0, 0);
            return;
        }

        double d = c.lapDist;
        double v = c.v;
        double vRef = circuit.referenceSpeed(d);
        double f = paceFactor(c);
        double green = vRef * f;
        if (c.drsOpen) {
            Circuit.DrsZone z = circuit.drsZoneAt(d);
            if (z == null || status != TrackStatus.GREEN) {
                c.drsOpen = false;
            } else {
                green *= 1 + DRS_GAIN * Math.min(1, (d - z.activation()) / 250);
            }
        }
        if (c.followGap < DIRTY_AIR_M && !c.drsOpen && Math.abs(circuit.curvature(d)) > 0.002) {
            green *= DIRTY_AIR_FACTOR;
        }
        double target = green;
        if (c.finished) {
            target = Math.min(target, COOL_DOWN_SPEED_FACTOR * vRef);
        } else if (status == TrackStatus.VSC) {
            target = Math.min(target, VSC_SPEED_FACTOR * vRef);
        } else if (status == TrackStatus.SC) {
            double base = Math.min(SC_SPEED_FACTOR * vRef, SC_MAX_SPEED);
            double k = 1;
            if (c.followGap != Double.POSITIVE_INFINITY) {
                double desired = Math.max(25, 0.9 * v);
                k = Math.max(0.7, Math.min(1.7, 1 + 0.5 * (c.followGap - desired) / desired));
            }
            target = Math.min(target, base * k);
        }
        double vPit = circuit.pitSpeedLimitKmh / 3.6;
        switch (c.pitPhase) {
            case NONE -> {
                if (c.boxThisLap && d < circuit.pitEntry) {
                    double toEntry = circuit.pitEntry - d;
                    target =
                            Math.min(
                                    target, Math.sqrt(vPit * vPit + 2 * PIT_ENTRY_DECEL * toEntry));
                }
            }
            case ENTERING -> {
                target = Math.min(target, vPit);
                double toBox = circuit.pitBox - d;
                target = Math.min(target, Math.sqrt(2 * BOX_DECEL * Math.max(0, toBox)));
                if (toBox < 0.5) {
                    c.lapDist = circuit.pitBox;
                    c.v = 0;
                    c.pitPhase = PitPhase.STATIONARY;
                    c.releaseTick = tick + secondsToTicks(2.0 + 1.5 * c.rng.nextDouble());
                    thermals(c, 0, 0, 0);
                    return;
                }
            }
            case LEAVING -> target = Math.min(target, vPit);
            default -> {}
        }

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
                        && Math.abs(vNew - green) < 0.3;
        if (onProfile) {
            c.throttle = circuit.referenceThrottle(d);
            c.brake = circuit.referenceBrake(d);
        } else {
            double drag = Circuit.drag(vm);
            if (a > 0.3) {
                double limit = Circuit.accelerationLimit(vm) + drag;
                c.throttle = Math.min(100, 100 * (a + drag) / limit);
                c.brake = 0;
            } else if (a < -drag - 0.3) {
                c.throttle = 0;
                c.brake = Math.min(100, 100 * (-a - drag) / (Circuit.brakingLimit(vm) - drag));
            } else {
                c.throttle = Math.min(100, 100 * drag / (Circuit.accelerationLimit(vm) + drag));
                c.brake = 0;
            }
        }
        c.v = vNew;
        double ds = vm * DT;
        double gLat = vm * vm * circuit.curvature(d) / Circuit.G;
        thermals(c, vm, gLat, a / Circuit.G);
        wearAndFuel(c, ds);
        move(c, d, ds, t);
    }

    private double paceFactor(Car c) {
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

    /** Seconds per lap of tyre age before the cliff. */
    static double degradationPerLap(Compound c) {
        return switch (c) {
            case SOFT -> 0.09;
            case MEDIUM -> 0.06;
            case HARD -> 0.04;
            default -> 0.05;
        };
    }

    private void thermals(Car c, double v, double gLat, double gLong) {
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

    private void wearAndFuel(Car c, double ds) {
        double intensity;
        double burn;
        if (c.inPit) {
            intensity = 0.1;
            burn = 0.3;
        } else if (c.finished) {
            intensity = 0.2;
            burn = 0.3;
        } else if (status.neutralised()) {
            intensity = 0.35;
            burn = 0.5;
        } else {
            intensity = 1;
            burn = 1;
        }
        c.wear = Math.min(100, c.wear + c.wearPerLap * intensity * ds / length);
        c.fuel = Math.max(0.2, c.fuel - c.burnPerMetre * burn * ds);
    }

    private void move(Car c, double d, double ds, double t) {
        double rdOld = c.raceDist();
        double nd = d + ds;
        double decision = circuit.pitEntry - PIT_CALL_BEFORE_ENTRY_M;
        if (c.pitPhase == PitPhase.NONE) {
            if (!c.boxThisLap && d < decision && nd >= decision) {
                c.boxThisLap = callToPit(c);
            }
            if (c.boxThisLap && d < circuit.pitEntry && nd >= circuit.pitEntry) {
                c.boxThisLap = false;
                c.pitPhase = PitPhase.ENTERING;
                c.inPit = true;
                c.drsOpen = false;
            }
            for (Circuit.DrsZone z : circuit.drsZones) {
                if (d < z.detection() && nd >= z.detection()) {
                    c.drsEligible =
                            status == TrackStatus.GREEN
                                    && c.lap >= drsFromLeaderLap
                                    && c.gapAhead != null
                                    && c.gapAhead < DRS_GAP_SECONDS;
                }
                if (d < z.activation() && nd >= z.activation()) {
                    c.drsOpen = c.drsEligible && status == TrackStatus.GREEN && !c.finished;
                }
            }
        }
        if (nd >= length) {
            nd -= length;
            c.lapDist = nd;
            c.lap++;
            onLine(c, t + DT);
        } else {
            c.lapDist = nd;
        }
        if (c.pitPhase == PitPhase.LEAVING && nd >= circuit.pitExit && nd < circuit.pitEntry) {
            c.pitPhase = PitPhase.NONE;
            c.inPit = false;
        }
        if (!c.finished) {
            double rd = c.raceDist();
            while (c.nCross < c.cross.length && c.nCross * CHECKPOINT_M <= rd) {
                double at = c.nCross * CHECKPOINT_M;
                c.cross[c.nCross] = t + DT * (rd > rdOld ? (at - rdOld) / (rd - rdOld) : 1);
                c.nCross++;
            }
        }
    }

    private boolean callToPit(Car c) {
        if (c.noPit || c.finished || status == TrackStatus.CHEQUERED || c.lap >= totalLaps) {
            return false;
        }
        InjectedFault f = c.fault;
        if (f != null && f.type == FaultType.SLOW_PUNCTURE && f.active()) {
            return (tick - f.startTick) * DT >= PUNCTURE_PIT_AFTER_S;
        }
        List<Integer> stops = c.strategy.stopLaps();
        if (c.stint >= stops.size()) {
            return false;
        }
        int next = stops.get(c.stint);
        if (next <= c.lap) {
            return true;
        }
        if (status.neutralised() && next - c.lap <= 4) {
            int end = c.stint + 1 < stops.size() ? stops.get(c.stint + 1) : totalLaps;
            Compound nextCompound = c.strategy.compounds().get(c.stint + 1);
            return end - c.lap <= PitStrategy.usable(nextCompound, c.lifeFactor);
        }
        return false;
    }

    private void changeTyres(Car c) {
        List<Integer> stops = c.strategy.stopLaps();
        boolean planned = c.stint < stops.size() && stops.get(c.stint) <= c.lap + 3;
        Compound next = c.compound;
        if (planned) {
            c.stint++;
            next = c.strategy.compounds().get(c.stint);
        }
        fitTyres(c, next, 0, c.lap + 1);
        c.tyreCore = BLANKET_TEMP_C - 3 + 4 * c.rng.nextDouble();
        InjectedFault f = c.fault;
        if (f != null && f.type == FaultType.SLOW_PUNCTURE && f.active()) {
            endFault(f, tick);
        }
        c.punctureDrop = 0;
    }

    private void onLine(Car c, double t) {
        c.lapNoise = c.rng.nextGaussian() * 0.15;
        c.drsEligible = false;
        int completed = c.lap - 1;
        if (!c.finished && (completed >= totalLaps || status == TrackStatus.CHEQUERED)) {
            c.finished = true;
            c.finishTick = tick;
            c.finishTime = t;
            c.finishRaceDist = completed * length;
            c.coolDownEnd = t + COOL_DOWN_SECONDS;
            c.drsOpen = false;
            status = TrackStatus.CHEQUERED;
            active = null;
            if (c.fault != null && c.fault.active()) {
                endFault(c.fault, tick);
            }
            return;
        }
        double remaining = (totalLaps - completed) * length;
        if (remaining > 0) {
            c.burnPerMetre = Math.max(0, (c.fuel - c.fuelTarget) / remaining);
        }
        if (c.lap >= totalLaps - 2 && c.fault != null && c.fault.active()) {
            endFault(c.fault, tick);
        }
    }

    private void updateFault(Car c) {
        InjectedFault f = c.fault;
        if (f == null || f.labelled) {
            return;
        }
        if (f.startTick < 0) {
            if (c.finished || c.lap >= totalLaps - 2) {
                return;
            }
            boolean reached =
                    c.lap > f.startLap || (c.lap == f.startLap && c.lapDist >= f.startDistance);
            if (!reached) {
                return;
            }
            f.triggerTick = tick;
            if (f.type == FaultType.BRAKE_OVERHEAT) {
                f.startTick = tick + FaultSignatures.BRAKE_RAMP_MS / TICK_MS;
            } else {
                f.startTick = tick;
            }
            f.endTick =
                    f.type == FaultType.SLOW_PUNCTURE
                            ? Long.MAX_VALUE
                            : f.startTick + f.durationTicks;
            if (f.type == FaultType.SLOW_PUNCTURE) {
                f.startPressure = hotPressure(f.corner, c.tyreCore);
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

    private void endFault(InjectedFault f, long endTick) {
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
        long start = config.startTime();
        labels.add(
                new FaultLabel(
                        raceId,
                        f.car.number,
                        f.type,
                        f.channel,
                        start + f.startTick * TICK_MS,
                        start + f.endTick * TICK_MS));
    }

    private Telemetry sample(Car c, long ts) {
        SplittableRandom r = c.noise;
        double[] val = c.values;
        double v = c.v;
        val[CH_SPEED] = v * 3.6;
        val[CH_THROTTLE] = c.throttle;
        double lateral = 0.4 * c.gLat;
        double baseTemp = c.tyreCore;
        for (int k = 0; k < 4; k++) {
            double side = (k & 1) == 0 ? 1 : -1;
            val[CH_TYRE_TEMP + k] = baseTemp + TYRE_TEMP_OFFSET[k] + side * lateral;
            val[CH_TYRE_PRESSURE + k] = hotPressure(k, baseTemp);
            val[CH_BRAKE_TEMP + k] = c.brakeTemp[k];
        }
        val[CH_ENGINE] = c.engineTemp;
        applyFault(c, val);

        Telemetry s = new Telemetry();
        s.raceId = raceId;
        s.ts = ts;
        s.car = c.number;
        s.driver = c.driver;
        s.team = c.team;
        s.lap = c.lap;
        s.totalLaps = totalLaps;
        s.sector = circuit.sector(c.lapDist);
        s.lapDistance = round2(c.lapDist);
        double[] out = c.last;
        double[] prev = c.previous;
        System.arraycopy(out, 0, prev, 0, CHANNELS);
        out[CH_SPEED] =
                v <= 0
                        ? 0
                        : analog(prev[CH_SPEED], Math.max(0.01, val[CH_SPEED] + 0.15 * sym(r)), r);
        out[CH_THROTTLE] = throttle(prev[CH_THROTTLE], val[CH_THROTTLE], r);
        for (int k = 0; k < 4; k++) {
            out[CH_TYRE_TEMP + k] =
                    analog(prev[CH_TYRE_TEMP + k], val[CH_TYRE_TEMP + k] + 0.25 * sym(r), r);
            out[CH_TYRE_PRESSURE + k] =
                    analog(
                            prev[CH_TYRE_PRESSURE + k],
                            val[CH_TYRE_PRESSURE + k] + 0.02 * sym(r),
                            r);
            out[CH_BRAKE_TEMP + k] =
                    analog(prev[CH_BRAKE_TEMP + k], val[CH_BRAKE_TEMP + k] + 1.5 * sym(r), r);
        }
        out[CH_ENGINE] = analog(prev[CH_ENGINE], val[CH_ENGINE] + 0.15 * sym(r), r);
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

        s.speed = out[CH_SPEED];
        s.throttle = out[CH_THROTTLE];
        s.brake = c.brake <= 0 ? 0 : round2(Math.min(100, c.brake));
        int gear = gear(val[CH_SPEED]);
        s.gear = gear;
        s.rpm = rpm(c, val[CH_SPEED], gear, r);
        s.drs = c.drsOpen;
        s.gLat = round2(c.gLat + 0.02 * sym(r));
        s.gLong = round2(c.gLong + 0.02 * sym(r));
        s.tyreCompound = c.compound.name();
        s.tyreAge = c.tyreAgeBase + Math.max(0, c.lap - c.fittedLap);
        s.tyreTempFl = out[CH_TYRE_TEMP];
        s.tyreTempFr = out[CH_TYRE_TEMP + 1];
        s.tyreTempRl = out[CH_TYRE_TEMP + 2];
        s.tyreTempRr = out[CH_TYRE_TEMP + 3];
        s.tyrePressureFl = out[CH_TYRE_PRESSURE];
        s.tyrePressureFr = out[CH_TYRE_PRESSURE + 1];
        s.tyrePressureRl = out[CH_TYRE_PRESSURE + 2];
        s.tyrePressureRr = out[CH_TYRE_PRESSURE + 3];
        s.tyreWear = round2(c.wear);
        s.brakeTempFl = out[CH_BRAKE_TEMP];
        s.brakeTempFr = out[CH_BRAKE_TEMP + 1];
        s.brakeTempRl = out[CH_BRAKE_TEMP + 2];
        s.brakeTempRr = out[CH_BRAKE_TEMP + 3];
        s.engineTemp = out[CH_ENGINE];
        s.fuel = round2(c.fuel + 0.01 * sym(r));
        s.trackStatus = status.name();
        s.position = c.position;
        s.gapAhead = c.gapAhead;
        s.gapBehind = c.gapBehind;
        s.inPit = c.inPit;
        return s;
    }

    /**
     * Pressure follows the carcass temperature, which does not see the tread's swing in corners.
     */
    private static double hotPressure(int corner, double coreTemp) {
        return PRESSURE_SET[corner]
                * (coreTemp + TYRE_TEMP_OFFSET[corner] + 273.15)
                / (BLANKET_TEMP_C + 273.15);
    }

    private void applyFault(Car c, double[] val) {
        InjectedFault f = c.fault;
        if (f == null || f.startTick < 0 || f.cancelled) {
            return;
        }
        switch (f.type) {
            case BRAKE_OVERHEAT -> {
                int ch = CH_BRAKE_TEMP + f.corner;
                double w;
                if (tick < f.startTick) {
                    w = (double) (tick - f.triggerTick) / (f.startTick - f.triggerTick);
                } else if (tick <= f.endTick) {
                    w = 1;
                } else {
                    w = 1 - (double) (tick - f.endTick) / (FaultSignatures.BRAKE_RAMP_MS / TICK_MS);
                }
                if (w <= 0) {
                    return;
                }
                double natural = val[ch];
                double hot =
                        f.level
                                + 0.15 * (natural - 500)
                                + 20
                                        * Math.sin(
                                                (tick - f.triggerTick)
                                                        * (2 * Math.PI / (7 * PHYSICS_HZ)));
                hot = Math.max(hot, FaultSignatures.BRAKE_OVERHEAT_MIN_C + 15);
                val[ch] = natural + Math.min(1, w) * (hot - natural);
            }
            case ENGINE_OVERHEAT -> {
                double natural = val[CH_ENGINE];
                long since = tick - f.startTick;
                if (since < f.rampTicks) {
                    val[CH_ENGINE] = natural + (f.level - natural) * since / f.rampTicks;
                } else if (tick <= f.endTick) {
                    val[CH_ENGINE] =
                            f.level + 0.6 * Math.sin(since * (2 * Math.PI / (11 * PHYSICS_HZ)));
                } else {
                    double decay = Math.exp(-(tick - f.endTick) * DT / 10.0);
                    if (decay > 1e-3) {
                        val[CH_ENGINE] = natural + (f.level - natural) * decay;
                    }
                }
            }
            case SLOW_PUNCTURE -> {
                if (tick > f.endTick) {
                    return;
                }
                int k = f.corner;
                double ramp = Math.min(1, (tick - f.startTick) * DT / 20.0);
                // The leak dominates the reading: temperature swings no longer show in it.
                val[CH_TYRE_PRESSURE + k] = Math.max(8, f.startPressure - c.punctureDrop);
                val[CH_TYRE_TEMP + k] += f.level * ramp;
            }
            default -> {}
        }
    }

    private static double sym(SplittableRandom r) {
        return 2 * r.nextDouble() - 1;
    }

    private static double round2(double x) {
        return Math.rint(x * 100) / 100;
    }

    /**
     * Rounds to 0.01 and never repeats the previous sample exactly (a live sensor always wiggles).
     */
    private static double analog(double previous, double x, SplittableRandom r) {
        double v = round2(x);
        if (v == previous) {
            v = round2(v + (r.nextBoolean() ? 0.01 : -0.01));
        }
        return v;
    }

    private static double throttle(double previous, double x, SplittableRandom r) {
        double v;
        if (x >= 99.5) {
            v = 100 - (0.01 + 0.4 * r.nextDouble());
        } else if (x <= 0.5) {
            v = 0.01 + 0.4 * r.nextDouble();
        } else {
            v = x + 0.3 * sym(r);
        }
        v = Math.max(0.01, Math.min(99.99, v));
        v = round2(v);
        if (v == previous) {
            v = round2(v >= 99.98 ? v - 0.01 : v + 0.01);
        }
        return v;
    }

    private static int gear(double kmh) {
        for (int g = 0; g < GEAR_TOP_KMH.length - 1; g++) {
            if (kmh < GEAR_TOP_KMH[g] * 0.97) {
                return g + 1;
            }
        }
        return GEAR_TOP_KMH.length;
    }

    private int rpm(Car c, double kmh, int gear, SplittableRandom r) {
        double rpm;
        double t = tick * DT;
        if (t < c.launchTime) {
            rpm = 10_000 + 300 * sym(r);
        } else {
            rpm = 12_000 * kmh / GEAR_TOP_KMH[gear - 1] + 40 * sym(r);
        }
        return (int) Math.max(4_000 + 150 * r.nextDouble(), Math.min(12_500, rpm));
    }

    private enum PitPhase {
        NONE,
        ENTERING,
        STATIONARY,
        LEAVING
    }

    /** Mutable state of one car. */
    private final class Car {
        final int number;
        final String driver;
        final String team;
        final SplittableRandom rng;
        final SplittableRandom noise;
        final double[] values = new double[CHANNELS];
        final double[] last = new double[CHANNELS];
        final double[] previous = new double[CHANNELS];

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

        Car(Grid.Entry e, SplittableRandom rng, SplittableRandom noise) {
            this.number = e.car();
            this.driver = e.driver();
            this.team = e.team();
            this.rng = rng;
            this.noise = noise;
            Arrays.fill(last, Double.NaN);
        }

        double raceDist() {
            return (lap - 1) * length + lapDist;
        }

        double effectiveRaceDist() {
            return finished ? finishRaceDist : raceDist();
        }
    }

    /** One scheduled fault and its progress. */
    private static final class InjectedFault {
        final FaultType type;
        final Car car;
        String channel;
        int startLap;
        double startDistance;
        int corner;
        int stuckChannel;
        long durationTicks;
        long rampTicks;
        double level;
        double leakSeconds;
        double maxDrop;

        /** The punctured tyre's pressure when the leak starts. */
        double startPressure;

        double stuckValue = Double.NaN;
        long triggerTick = -1;
        long startTick = -1;
        long endTick = -1;
        boolean labelled;
        boolean cancelled;

        InjectedFault(FaultType type, Car car) {
            this.type = type;
            this.car = car;
        }

        boolean active() {
            return startTick >= 0 && !labelled;
        }
    }
}
