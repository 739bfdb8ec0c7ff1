package dev.streamwall.pitwall.functions.anomaly;

import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.generators.f1.TrackStatus;
import dev.streamwall.pitwall.records.CarCondition;

/**
 * Condenses one car's samples, in event-time order, into one {@link CarCondition} per second, and
 * tracks for each analog channel since when it has repeated the same value. Keyed state (a POJO).
 */
public class ConditionAccumulator {
    static final String[] CORNERS = {"fl", "fr", "rl", "rr"};

    /**
     * Analog channels that always carry sensor noise when the sensor works; constant means stuck.
     */
    static final String[] WATCHED = Telemetry.SENSOR_CHANNELS.toArray(String[]::new);

    /**
     * Samples of the same value, spanning at least {@link #STUCK_MIN_MS}, before a channel counts
     * as stuck.
     */
    static final int STUCK_MIN_SAMPLES = 3;

    static final long STUCK_MIN_MS = 1000;

    public String raceId;
    public int car;
    public String driver;
    public int lap;
    public int totalLaps;
    public long second = Long.MIN_VALUE;
    public long firstTs;
    public long lastTs;
    public int samples;
    public double[] brakeSum = new double[4];
    public double[] brakeMin = new double[4];
    public double[] brakeMax = new double[4];
    public double engineSum;
    public double engineMax;
    public double[] pressureSum = new double[4];
    public double[] tyreTempSum = new double[4];
    public boolean inPit;
    public String trackStatus;

    /**
     * The car has taken the flag: it started a lap beyond the race distance, or crossed the line
     * under the chequered flag (a lapped car finishes a lap short). It will soon stop sending.
     */
    public boolean finished;

    public double[] lastValue = new double[WATCHED.length];
    public long[] sameSince = new long[WATCHED.length];
    public int[] sameCount = new int[WATCHED.length];

    public ConditionAccumulator() {}

    /** True when the sample belongs to a later second than the one being accumulated. */
    public boolean startsNewSecond(Telemetry t) {
        return samples > 0 && Math.floorDiv(t.ts, 1000L) != second;
    }

    public void add(Telemetry t) {
        long s = Math.floorDiv(t.ts, 1000L);
        if (s != second) {
            second = s;
            samples = 0;
            firstTs = t.ts;
            engineSum = 0;
            engineMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 4; i++) {
                brakeSum[i] = 0;
                brakeMin[i] = Double.POSITIVE_INFINITY;
                brakeMax[i] = Double.NEGATIVE_INFINITY;
                pressureSum[i] = 0;
                tyreTempSum[i] = 0;
            }
        }
        if (t.lap < lap) {
            finished = false; // the same car in a later race
        } else if (t.lap > t.totalLaps
                || t.lap > lap && lap > 0 && TrackStatus.CHEQUERED.name().equals(t.trackStatus)) {
            finished = true;
        }
        raceId = t.raceId;
        car = t.car;
        driver = t.driver;
        lap = t.lap;
        totalLaps = t.totalLaps;
        lastTs = t.ts;
        inPit = t.inPit;
        trackStatus = t.trackStatus;
        samples++;
        double[] brakes = {t.brakeTempFl, t.brakeTempFr, t.brakeTempRl, t.brakeTempRr};
        double[] pressures = {
            t.tyrePressureFl, t.tyrePressureFr, t.tyrePressureRl, t.tyrePressureRr
        };
        double[] temps = {t.tyreTempFl, t.tyreTempFr, t.tyreTempRl, t.tyreTempRr};
        for (int i = 0; i < 4; i++) {
            brakeSum[i] += brakes[i];
            brakeMin[i] = Math.min(brakeMin[i], brakes[i]);
            brakeMax[i] = Math.max(brakeMax[i], brakes[i]);
            pressureSum[i] += pressures[i];
            tyreTempSum[i] += temps[i];
        }
        engineSum += t.engineTemp;
        engineMax = Math.max(engineMax, t.engineTemp);

        double[] watched = t.sensorValues();
        for (int i = 0; i < watched.length; i++) {
            if (sameCount[i] > 0 && Double.compare(watched[i], lastValue[i]) == 0) {
                sameCount[i]++;
            } else {
                lastValue[i] = watched[i];
                sameSince[i] = t.ts;
                sameCount[i] = 1;
            }
        }
    }

    /** The condition of the second accumulated so far. */
    public CarCondition condition() {
        CarCondition c = new CarCondition();
        c.raceId = raceId;
        c.car = car;
        c.driver = driver;
        c.lap = lap;
        c.ts = lastTs;
        c.firstTs = firstTs;
        c.samples = samples;
        c.inPit = inPit;
        c.trackStatus = trackStatus;

        int hot = 0;
        for (int i = 1; i < 4; i++) {
            if (brakeSum[i] > brakeSum[hot]) {
                hot = i;
            }
        }
        c.hotBrake = CORNERS[hot];
        c.hotBrakeMin = brakeMin[hot];
        c.hotBrakeMax = brakeMax[hot];
        c.engineTempMean = engineSum / samples;
        c.engineTempMax = engineMax;

        c.pressureDeficit = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            int partner = i ^ 1; // fl<->fr, rl<->rr
            double deficit = (pressureSum[partner] - pressureSum[i]) / samples;
            if (deficit > c.pressureDeficit) {
                c.pressureDeficit = round2(deficit);
                c.lowTyre = CORNERS[i];
                c.lowTyrePressure = round2(pressureSum[i] / samples);
                c.lowTyreTempExcess = round2((tyreTempSum[i] - tyreTempSum[partner]) / samples);
            }
        }

        long longest = 0;
        for (int i = 0; i < WATCHED.length; i++) {
            long span = lastTs - sameSince[i];
            if (sameCount[i] >= STUCK_MIN_SAMPLES && span >= STUCK_MIN_MS && span > longest) {
                longest = span;
                c.stuckChannel = WATCHED[i];
                c.stuckValue = lastValue[i];
                c.stuckSinceTs = sameSince[i];
            }
        }
        return c;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
