package dev.streamwall.generators.factory;

import dev.streamwall.generators.wire.SideRecord;
import dev.streamwall.generators.wire.Simulation;
import dev.streamwall.wire.Topics;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A plant of machines, each with a temperature, vibration and pressure sensor, simulated second by
 * second: shift loads and production cycles, thermal inertia (machines start cold and warm up),
 * seeded faults with ground-truth labels, and noise spikes that are not faults. Readings come in
 * event-time order, then by machine and sensor; nothing reads the wall clock.
 */
public final class PlantSimulator implements Simulation<SensorReading> {

    public static final String DEFAULT_LABELS_TOPIC = Topics.FACTORY_LABELS;

    /** Thermal time constant of a machine, seconds. */
    static final double THERMAL_TAU_S = 300;

    /** Temperature rise per unit of load, °C. */
    static final double TEMP_PER_LOAD = 6;

    private static final Sensor[] SENSORS = Sensor.values();

    private final PlantConfig config;
    private final String labelsTopic;
    private final Machine[] machines;
    private final long steps;
    private final List<FactoryLabel> plannedFaults;
    private final ArrayDeque<SensorReading> tick = new ArrayDeque<>();
    private final List<SideRecord> side = new ArrayList<>();
    private final List<FactoryLabel> pendingLabels = new ArrayList<>();
    private long step;
    private long lastTs;

    public PlantSimulator(PlantConfig config) {
        this(config, DEFAULT_LABELS_TOPIC);
    }

    public PlantSimulator(PlantConfig config, String labelsTopic) {
        this.config = config;
        this.labelsTopic = labelsTopic;
        this.steps = config.duration().toMillis() / config.sampleMs();
        SplittableRandom root = new SplittableRandom(config.seed());
        this.machines = new Machine[config.machines()];
        for (int i = 0; i < machines.length; i++) {
            machines[i] = new Machine(config.machineName(i), root.split());
        }
        this.plannedFaults = plan(root.split());
        pendingLabels.addAll(plannedFaults);
        pendingLabels.sort(Comparator.comparingLong(l -> l.startTs));
    }

    public PlantConfig config() {
        return config;
    }

    /** The injected faults (not the noise spikes), with their planned times. */
    public List<FactoryLabel> plannedFaults() {
        return Collections.unmodifiableList(plannedFaults);
    }

    @Override
    public long startTime() {
        return config.start().toEpochMilli();
    }

    @Override
    public boolean hasNext() {
        while (tick.isEmpty() && step < steps) {
            advance();
        }
        return !tick.isEmpty();
    }

    @Override
    public SensorReading next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("the simulation is over");
        }
        SensorReading r = tick.poll();
        lastTs = r.ts;
        return r;
    }

    /** Skips {@code n} readings (what a restarted Flink generator reader does). */
    public void skip(long n) {
        for (long i = 0; i < n && hasNext(); i++) {
            next();
        }
    }

    @Override
    public List<SideRecord> pollSideRecords() {
        while (!pendingLabels.isEmpty() && pendingLabels.get(0).startTs <= lastTs) {
            FactoryLabel l = pendingLabels.remove(0);
            side.add(new SideRecord(labelsTopic, l.machine, l));
        }
        if (side.isEmpty()) {
            return List.of();
        }
        List<SideRecord> out = new ArrayList<>(side);
        side.clear();
        return out;
    }

    /** The number of readings the plant produces (simulates it once). */
    public static long countEvents(PlantConfig config) {
        PlantSimulator sim = new PlantSimulator(config);
        long n = 0;
        while (sim.hasNext()) {
            sim.next();
            n++;
        }
        return n;
    }

    /** Every label of the run, faults and noise spikes, in start order (simulates it once). */
    public static List<FactoryLabel> allLabels(PlantConfig config) {
        PlantSimulator sim = new PlantSimulator(config, "labels");
        List<FactoryLabel> labels = new ArrayList<>();
        while (sim.hasNext()) {
            sim.next();
            for (SideRecord r : sim.pollSideRecords()) {
                labels.add((FactoryLabel) r.value());
            }
        }
        return labels;
    }

    private void advance() {
        long ts = startTime() + step * config.sampleMs();
        double t = step * config.sampleMs() / 1000.0;
        double hour =
                config.start()
                                .plusMillis(step * config.sampleMs())
                                .atOffset(ZoneOffset.UTC)
                                .toLocalTime()
                                .toSecondOfDay()
                        / 3600.0;
        double ambient = 22 + 2 * Math.sin(2 * Math.PI * (hour - 9) / 24);
        double k = 1 - Math.exp(-config.sampleMs() / 1000.0 / THERMAL_TAU_S);
        for (Machine m : machines) {
            m.tick(ts, t, hour, ambient, k, tick);
        }
        step++;
    }

    private List<FactoryLabel> plan(SplittableRandom rng) {
        FaultPlan plan = FaultPlan.parse(config.faults());
        List<FaultPlan.Entry> entries = new ArrayList<>(plan.entries());
        if (plan.scaledDefault()) {
            int n = config.machines();
            add(entries, FactoryFaultType.BEARING_WEAR, Math.max(1, (int) Math.round(n * 0.08)));
            add(entries, FactoryFaultType.OVERHEATING, Math.max(1, (int) Math.round(n * 0.08)));
            add(entries, FactoryFaultType.PRESSURE_LEAK, Math.max(1, (int) Math.round(n * 0.06)));
            add(entries, FactoryFaultType.STUCK_SENSOR, Math.max(1, (int) Math.round(n * 0.06)));
        }
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < machines.length; i++) {
            free.add(i);
        }
        for (FaultPlan.Entry e : entries) {
            if (e.machine() != null) {
                free.remove((Integer) index(e.machine()));
            }
        }
        // Seeded shuffle: which machines get the faults that name none.
        for (int i = free.size() - 1; i > 0; i--) {
            Collections.swap(free, i, rng.nextInt(i + 1));
        }
        List<FactoryLabel> labels = new ArrayList<>();
        int nextFree = 0;
        for (FaultPlan.Entry e : entries) {
            int idx;
            if (e.machine() != null) {
                idx = index(e.machine());
            } else {
                if (nextFree >= free.size()) {
                    throw new IllegalArgumentException(
                            "more faults than machines: at most one fault per machine");
                }
                idx = free.get(nextFree++);
            }
            double onsetS =
                    e.onset() != null
                            ? e.onset().toSeconds()
                            : config.firstOnset().toSeconds()
                                    + rng.nextDouble() * config.onsetSpread().toSeconds();
            labels.add(machines[idx].inject(e.type(), onsetS, rng.split()));
        }
        labels.sort(
                Comparator.comparingLong((FactoryLabel l) -> l.startTs)
                        .thenComparing(l -> l.machine));
        return labels;
    }

    private static void add(List<FaultPlan.Entry> entries, FactoryFaultType type, int n) {
        for (int i = 0; i < n; i++) {
            entries.add(new FaultPlan.Entry(type, null, null));
        }
    }

    private int index(String machine) {
        for (int i = 0; i < machines.length; i++) {
            if (machines[i].id.equals(machine)) {
                return i;
            }
        }
        throw new IllegalArgumentException(
                "machine "
                        + machine
                        + " is not in the plant ("
                        + machines[0].id
                        + ".."
                        + machines[machines.length - 1].id
                        + ")");
    }

    /** Load of the shift at an hour of the day: day 0.85, late 0.75, night 0.5, changeover 0.25. */
    static double shiftLoad(double hour) {
        double intoShift = ((hour - 6) % 8 + 8) % 8;
        if (intoShift < 10 / 60.0) {
            return 0.25;
        }
        if (hour >= 6 && hour < 14) {
            return 0.85;
        }
        if (hour >= 14 && hour < 22) {
            return 0.75;
        }
        return 0.5;
    }

    /** One machine: its normal behaviour, at most one fault, and its noise spikes. */
    private final class Machine {
        final String id;
        final SplittableRandom rng;
        final double tempRise;
        final double vibBase;
        final double pressureBase;
        final double cyclePeriodS;
        final double cyclePhase;
        final double[] noise = {0.3, 0.06, 0.03};
        double temp;
        boolean started;

        FactoryFaultType fault;
        double onsetS;
        double endS;
        double failureS = Double.NaN;
        double downUntilS = Double.NaN;
        double amplitude;
        double d1;
        double d2;
        double heatMax;
        int stuckSensor = -1;
        double stuckValue = Double.NaN;

        final SplittableRandom[] spikeRng = new SplittableRandom[3];
        final double[] nextSpikeS = new double[3];
        final int[] spikeLeft = new int[3];
        final double[] spikeOffset = new double[3];

        Machine(String id, SplittableRandom rng) {
            this.id = id;
            this.rng = rng;
            double base = 67 + rng.nextDouble() * 13; // running temperature at the day's load
            this.tempRise = base - 22 - TEMP_PER_LOAD * 0.85;
            this.vibBase = 1.2 + rng.nextDouble() * 1.3;
            this.pressureBase = 3.5 + rng.nextDouble();
            this.cyclePeriodS = 360 + rng.nextDouble() * 540;
            this.cyclePhase = rng.nextDouble() * 2 * Math.PI;
            for (int s = 0; s < 3; s++) {
                spikeRng[s] = rng.split();
                nextSpikeS[s] = 300 + nextGap(s);
            }
        }

        private double nextGap(int s) {
            if (config.spikesPerHour() <= 0) {
                return Double.POSITIVE_INFINITY;
            }
            return -Math.log(1 - spikeRng[s].nextDouble()) * 3600 / config.spikesPerHour();
        }

        FactoryLabel inject(FactoryFaultType type, double onset, SplittableRandom r) {
            if (fault != null) {
                throw new IllegalArgumentException(
                        "machine " + id + " already has a fault: at most one fault per machine");
            }
            fault = type;
            onsetS = onset;
            long start = startTime() + Math.round(onset * 1000);
            String sensor;
            Long failure = null;
            switch (type) {
                case OVERHEATING -> {
                    amplitude = 22 + r.nextDouble() * 10;
                    endS = onset + 60 * (20 + r.nextDouble() * 20);
                    sensor = Sensor.TEMP.wireName();
                }
                case BEARING_WEAR -> {
                    d1 = 60 * (50 + r.nextDouble() * 20);
                    d2 = 60 * (45 + r.nextDouble() * 15);
                    amplitude = 2.5 + r.nextDouble();
                    heatMax = 25 + r.nextDouble() * 5;
                    failureS = onset + 0.8 * d1 + d2;
                    endS = failureS;
                    downUntilS = failureS + config.repairTime().toSeconds();
                    failure = startTime() + Math.round(failureS * 1000);
                    sensor = Sensor.VIBRATION.wireName();
                }
                case PRESSURE_LEAK -> {
                    amplitude = 1.5 + r.nextDouble(); // bar per hour
                    endS = onset + 60 * (40 + r.nextDouble() * 30);
                    sensor = Sensor.PRESSURE.wireName();
                }
                case STUCK_SENSOR -> {
                    stuckSensor = r.nextInt(3);
                    endS = onset + 60 * (15 + r.nextDouble() * 25);
                    sensor = SENSORS[stuckSensor].wireName();
                }
                default -> throw new IllegalArgumentException(type + " is not a fault");
            }
            return new FactoryLabel(
                    config.plantId(),
                    id,
                    type,
                    sensor,
                    start,
                    startTime() + Math.round(endS * 1000),
                    failure);
        }

        boolean down(double t) {
            return !Double.isNaN(failureS) && t >= failureS && t < downUntilS;
        }

        void tick(
                long ts,
                double t,
                double hour,
                double ambient,
                double k,
                ArrayDeque<SensorReading> out) {
            if (down(t)) {
                started = false; // restarts cold after the repair
                return;
            }
            boolean repaired = !Double.isNaN(downUntilS) && t >= downUntilS;
            if (!started) {
                temp = ambient + 3 + rng.nextDouble() * 2;
                started = true;
            }
            double load =
                    shiftLoad(hour)
                            * (1 + 0.08 * Math.sin(2 * Math.PI * t / cyclePeriodS + cyclePhase));
            double heat = 0;
            double vibExcess = 0;
            double leak = 0;
            boolean active = fault != null && t >= onsetS && t < endS && !repaired;
            if (active) {
                double since = t - onsetS;
                switch (fault) {
                    case OVERHEATING -> heat = amplitude * (1 - Math.exp(-since / 180));
                    case BEARING_WEAR -> {
                        double u = since / d1;
                        vibExcess = Math.min(8, amplitude * u * u);
                        double v = Math.max(0, since - 0.8 * d1) / d2;
                        heat = heatMax * v * v;
                    }
                    case PRESSURE_LEAK -> leak = amplitude * since / 3600;
                    default -> {}
                }
            }
            double target = ambient + tempRise + TEMP_PER_LOAD * load + heat;
            temp += (target - temp) * k;
            double[] values = {
                temp + rng.nextGaussian() * noise[0],
                Math.max(
                        0.05,
                        vibBase * (0.8 + 0.3 * load) + vibExcess + rng.nextGaussian() * noise[1]),
                Math.max(
                        0.2,
                        pressureBase + 0.25 * (load - 0.6) - leak + rng.nextGaussian() * noise[2])
            };
            boolean stuckNow = fault == FactoryFaultType.STUCK_SENSOR && active;
            for (int s = 0; s < 3; s++) {
                double v = values[s];
                if (stuckNow && s == stuckSensor) {
                    if (Double.isNaN(stuckValue)) {
                        stuckValue = round(s, v);
                    }
                    v = stuckValue;
                } else {
                    v = spike(s, t, ts, v);
                }
                out.add(new SensorReading(ts, id, SENSORS[s].wireName(), round(s, v)));
            }
        }

        private double spike(int s, double t, long ts, double v) {
            if (spikeLeft[s] > 0) {
                spikeLeft[s]--;
                return v + spikeOffset[s];
            }
            if (t < nextSpikeS[s]) {
                return v;
            }
            SplittableRandom r = spikeRng[s];
            int len = 1 + r.nextInt(2);
            double sign = r.nextDouble() < 0.7 ? 1 : -1;
            spikeOffset[s] =
                    sign
                            * switch (s) {
                                case 0 -> 10 + r.nextDouble() * 10;
                                case 1 -> 1.5 + r.nextDouble() * 3.5;
                                default -> 0.8 + r.nextDouble() * 1.2;
                            };
            if (s == 1 && v + spikeOffset[s] < 0.05) {
                spikeOffset[s] = -spikeOffset[s];
            }
            spikeLeft[s] = len - 1;
            nextSpikeS[s] = t + len + nextGap(s);
            side.add(
                    new SideRecord(
                            labelsTopic,
                            id,
                            new FactoryLabel(
                                    config.plantId(),
                                    id,
                                    FactoryFaultType.NOISE_SPIKE,
                                    SENSORS[s].wireName(),
                                    ts,
                                    ts + (len - 1) * config.sampleMs(),
                                    null)));
            return v + spikeOffset[s];
        }

        private double round(int s, double v) {
            double scale = s == 0 ? 100 : 1000;
            return Math.round(v * scale) / scale;
        }
    }
}
