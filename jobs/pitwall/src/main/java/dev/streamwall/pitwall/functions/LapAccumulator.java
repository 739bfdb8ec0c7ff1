package dev.streamwall.pitwall.functions;

import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.generators.f1.TrackStatus;
import dev.streamwall.pitwall.records.LapSummary;

/**
 * The running figures of one car's current lap, fed with samples in event-time order; a
 * public-field POJO so it lives in keyed state and evolves with savepoints.
 */
public class LapAccumulator {
    /** Full throttle is counted from here: pedal maps rarely reach exactly 100 %. */
    static final double FULL_THROTTLE = 98.0;

    public String raceId;
    public int car;
    public String driver;
    public String team;
    public int lap;
    public int totalLaps;
    public long lapStartTs;

    /** False when the job first saw this car mid-lap: such a lap is not reported. */
    public boolean complete;

    /** This is the cool-down lap after the car took the chequered flag. */
    public boolean finished;

    public long sector1EndTs;
    public long sector2EndTs;
    public int samples;
    public double speedSum;
    public double topSpeed;
    public int fullThrottleSamples;
    public int brakingSamples;
    public double fuelStart;
    public double wearStart;
    public double peakTyreTemp;
    public double peakBrakeTemp;
    public double peakEngineTemp;
    public double peakGLat;
    public double peakGBrake;
    public double peakGAccel;
    public boolean pitIn;
    public boolean pitOut;
    public String worstStatus;

    /** The latest sample seen, whose figures describe the end of the lap. */
    public Telemetry last;

    /**
     * A track status one sample has shown and the next must confirm before it counts; null when
     * none waits. Carried from lap to lap.
     */
    public String pendingStatus;

    /**
     * The lap number of a sample that jumped (more than one lap ahead, or back), held until the
     * next sample agrees; 0 when none waits.
     */
    public int suspectLap;

    public LapAccumulator() {}

    /**
     * Starts a lap at its first sample; a lap counts as complete only when that sample is near the
     * line.
     */
    public static LapAccumulator startAt(Telemetry first, long crossingTs, boolean fromTheLine) {
        return startAt(first, crossingTs, fromTheLine, first.trackStatus);
    }

    /** {@link #startAt(Telemetry, long, boolean)} under the track status the car agreed on. */
    public static LapAccumulator startAt(
            Telemetry first, long crossingTs, boolean fromTheLine, String trackStatus) {
        LapAccumulator a = new LapAccumulator();
        a.raceId = first.raceId;
        a.car = first.car;
        a.driver = first.driver;
        a.team = first.team;
        a.lap = first.lap;
        a.totalLaps = first.totalLaps;
        a.lapStartTs = crossingTs;
        a.complete = fromTheLine;
        a.fuelStart = first.fuel;
        a.wearStart = first.tyreWear;
        a.pitOut = first.inPit;
        a.worstStatus = trackStatus;
        a.peakGBrake = 0;
        return a;
    }

    public void add(Telemetry t) {
        add(t, t.trackStatus);
    }

    /** Adds a sample of the lap, under the track status the car agreed on. */
    public void add(Telemetry t, String trackStatus) {
        if (last != null) {
            if (last.sector == 1 && t.sector == 2 && sector1EndTs == 0) {
                sector1EndTs = t.ts;
            } else if (last.sector == 2 && t.sector == 3 && sector2EndTs == 0) {
                sector2EndTs = t.ts;
            }
            if (!last.inPit && t.inPit) {
                pitIn = true;
            } else if (last.inPit && !t.inPit) {
                pitOut = true;
            }
        }
        samples++;
        speedSum += t.speed;
        topSpeed = Math.max(topSpeed, t.speed);
        if (t.throttle >= FULL_THROTTLE) {
            fullThrottleSamples++;
        }
        if (t.brake > 0) {
            brakingSamples++;
        }
        peakTyreTemp = Math.max(peakTyreTemp, t.maxTyreTemp());
        peakBrakeTemp = Math.max(peakBrakeTemp, t.maxBrakeTemp());
        peakEngineTemp = Math.max(peakEngineTemp, t.engineTemp);
        peakGLat = Math.max(peakGLat, Math.abs(t.gLat));
        peakGBrake = Math.max(peakGBrake, -t.gLong);
        peakGAccel = Math.max(peakGAccel, t.gLong);
        if (TrackStatus.parse(trackStatus).ordinal() > TrackStatus.parse(worstStatus).ordinal()
                && !TrackStatus.CHEQUERED.name().equals(trackStatus)) {
            worstStatus = trackStatus;
        }
        last = t;
    }

    /**
     * Estimates when the car crossed the line between the last sample of this lap and the first of
     * the next, from how far past the line the next sample is and its speed.
     */
    public static long lineCrossing(Telemetry previous, Telemetry next) {
        double metresPerMs = Math.max(next.speed, 1.0) / 3.6 / 1000.0;
        long back = Math.round(next.lapDistance / metresPerMs);
        long earliest = previous == null ? next.ts - 1000 : previous.ts;
        return Math.max(earliest, next.ts - back);
    }

    public LapSummary close(long lapEndTs) {
        LapSummary s = new LapSummary();
        s.raceId = raceId;
        s.car = car;
        s.driver = driver;
        s.team = team;
        s.lap = lap;
        s.totalLaps = totalLaps;
        s.lapStartTs = lapStartTs;
        s.lapEndTs = lapEndTs;
        s.lapTimeMs = lapEndTs - lapStartTs;
        s.sector1Ms = sector1EndTs > 0 ? sector1EndTs - lapStartTs : null;
        s.sector2Ms = sector1EndTs > 0 && sector2EndTs > 0 ? sector2EndTs - sector1EndTs : null;
        s.sector3Ms = sector2EndTs > 0 ? lapEndTs - sector2EndTs : null;
        s.position = last.position;
        s.gapAhead = last.gapAhead;
        s.gapBehind = last.gapBehind;
        s.tyreCompound = last.tyreCompound;
        s.tyreAge = last.tyreAge;
        s.tyreWear = last.tyreWear;
        s.fuel = last.fuel;
        s.pitIn = pitIn;
        s.pitOut = pitOut;
        s.trackStatus = worstStatus;
        s.avgSpeed = samples == 0 ? 0 : speedSum / samples;
        s.topSpeed = topSpeed;
        s.fullThrottlePct = samples == 0 ? 0 : 100.0 * fullThrottleSamples / samples;
        s.brakingPct = samples == 0 ? 0 : 100.0 * brakingSamples / samples;
        s.fuelUsed = Math.max(0, fuelStart - last.fuel);
        s.tyreWearDelta = last.tyreWear - wearStart;
        s.peakTyreTemp = peakTyreTemp;
        s.peakBrakeTemp = peakBrakeTemp;
        s.peakEngineTemp = peakEngineTemp;
        s.peakGLat = peakGLat;
        s.peakGBrake = peakGBrake;
        s.peakGAccel = peakGAccel;
        s.samples = samples;
        s.receivedAt = last.receivedAt;
        return s;
    }
}
