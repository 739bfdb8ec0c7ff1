package dev.streamwall.pitwall;

import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.records.LapTiming;
import java.time.Duration;
import java.time.Instant;

/** Record factories for tests: a healthy car's sample, laps of a stint, named times. */
public final class Fixtures {
    public static final String RACE = "test-race";
    public static final long RACE_START = Instant.parse("2026-07-05T14:00:00Z").toEpochMilli();
    public static final long LAP_MS = 90_000;
    public static final double TRACK_LENGTH = 5_891;
    public static final int LEC = 16;
    public static final int HAM = 44;

    private Fixtures() {}

    public static long at(Duration sinceStart) {
        return RACE_START + sinceStart.toMillis();
    }

    /** A healthy sample of {@code car} at {@code ts}, on {@code lap} at {@code distance} metres. */
    public static Telemetry sample(int car, long ts, int lap, double distance) {
        Telemetry t = new Telemetry();
        t.raceId = RACE;
        t.ts = ts;
        t.car = car;
        t.driver = car == LEC ? "LEC" : car == HAM ? "HAM" : "C" + car;
        t.team = "Ferrari";
        t.lap = lap;
        t.totalLaps = 52;
        t.lapDistance = distance;
        t.sector = distance < 1_900 ? 1 : distance < 4_100 ? 2 : 3;
        t.speed = 235.6; // 5891 m in 90 s
        t.throttle = 80;
        t.brake = 0;
        t.gear = 7;
        t.rpm = 11_000;
        t.gLat = 1.2;
        t.gLong = 0.1;
        t.tyreCompound = "MEDIUM";
        t.tyreAge = lap - 1;
        double noise = (ts % 97) / 1000.0; // varies sample to sample: no channel looks stuck
        t.tyreTempFl = 100 + noise;
        t.tyreTempFr = 101 + noise;
        t.tyreTempRl = 98 + noise;
        t.tyreTempRr = 99 + noise;
        t.tyrePressureFl = 23.0 + noise / 10;
        t.tyrePressureFr = 23.1 + noise / 10;
        t.tyrePressureRl = 21.0 + noise / 10;
        t.tyrePressureRr = 21.1 + noise / 10;
        t.tyreWear = 2.0 * (lap - 1) + 2.0 * distance / TRACK_LENGTH;
        t.brakeTempFl = 500 + noise * 10;
        t.brakeTempFr = 510 + noise * 10;
        t.brakeTempRl = 400 + noise * 10;
        t.brakeTempRr = 410 + noise * 10;
        t.engineTemp = 105 + noise;
        t.fuel = 100 - 1.9 * (lap - 1);
        t.trackStatus = "GREEN";
        t.position = 3;
        t.gapAhead = 1.5;
        t.gapBehind = 2.5;
        return t;
    }

    /** The sample of a car lapping in exactly {@link #LAP_MS}, {@code ms} after the race start. */
    public static Telemetry onTrack(int car, long ms) {
        int lap = (int) (ms / LAP_MS) + 1;
        double distance = TRACK_LENGTH * (ms % LAP_MS) / LAP_MS;
        return sample(car, RACE_START + ms, lap, distance);
    }

    /** A completed lap as recorded timing would report it. */
    public static LapTiming lap(
            int car,
            int lap,
            double lapTimeSeconds,
            String compound,
            Integer tyreAge,
            Double wear) {
        LapTiming l = new LapTiming();
        l.raceId = RACE;
        l.car = car;
        l.driver = "LEC";
        l.lap = lap;
        l.totalLaps = 52;
        l.lapEndTs = RACE_START + lap * LAP_MS;
        l.lapTimeMs = Math.round(lapTimeSeconds * 1000);
        l.position = 3;
        l.gapAhead = 3.0;
        l.gapBehind = 4.0;
        l.tyreCompound = compound;
        l.tyreAge = tyreAge;
        l.tyreWear = wear;
        l.fuel = 100.0 - 1.9 * lap;
        l.trackStatus = "GREEN";
        return l;
    }
}
