package dev.streamwall.generators.f1;

import static dev.streamwall.generators.f1.RaceSimulator.DT;

import java.util.SplittableRandom;

/** Reads a car's sensors into a {@link Telemetry} sample, with their noise and rounding. */
final class TelemetrySampler {

    /** Top speed of each gear at {@link #SHIFT_RPM}, km/h. */
    private static final double[] GEAR_TOP_KMH = {105, 140, 170, 200, 232, 264, 298, 338};

    /** A car shifts up this close to the top speed of its gear. */
    private static final double UPSHIFT_FRACTION = 0.97;

    private static final int SHIFT_RPM = 12_000;
    private static final int LAUNCH_RPM = 10_000;
    private static final int IDLE_RPM = 4_000;
    private static final int MAX_RPM = 12_500;

    /** Tread temperature swing per g of lateral load, °C. */
    private static final double TREAD_C_PER_G = 0.4;

    private static final double SPEED_NOISE_KMH = 0.15;
    private static final double TYRE_TEMP_NOISE_C = 0.25;
    private static final double PRESSURE_NOISE_PSI = 0.02;
    private static final double BRAKE_TEMP_NOISE_C = 1.5;
    private static final double ENGINE_TEMP_NOISE_C = 0.15;
    private static final double G_NOISE = 0.02;
    private static final double FUEL_NOISE_KG = 0.01;

    private final String raceId;
    private final int totalLaps;
    private final Circuit circuit;
    private final RaceControl raceControl;
    private final FaultInjector faults;

    TelemetrySampler(RaceConfig config, RaceControl raceControl, FaultInjector faults) {
        this.raceId = config.raceId();
        this.totalLaps = config.laps();
        this.circuit = config.circuit();
        this.raceControl = raceControl;
        this.faults = faults;
    }

    /** The sample car {@code c} reports at event time {@code ts}, during {@code tick}. */
    Telemetry sample(CarState c, long ts, long tick) {
        SplittableRandom r = c.noise;
        double[] val = trueValues(c);
        faults.distort(c, val, tick);
        double[] out = readings(c, val, r);
        faults.holdStuck(c, out, tick);
        return record(c, ts, tick, val, out, r);
    }

    /** The values the sensors would read without noise, in the car's reusable array. */
    private static double[] trueValues(CarState c) {
        double[] val = c.values;
        val[Channels.SPEED] = c.v * 3.6;
        val[Channels.THROTTLE] = c.throttle;
        double lateral = TREAD_C_PER_G * c.gLat;
        double baseTemp = c.tyreCore;
        for (int k = 0; k < 4; k++) {
            double side = (k & 1) == 0 ? 1 : -1;
            val[Channels.TYRE_TEMP + k] =
                    baseTemp + CarPhysics.TYRE_TEMP_OFFSET[k] + side * lateral;
            val[Channels.TYRE_PRESSURE + k] = CarPhysics.hotPressure(k, baseTemp);
            val[Channels.BRAKE_TEMP + k] = c.brakeTemp[k];
        }
        val[Channels.ENGINE] = c.engineTemp;
        return val;
    }

    /** Noisy, rounded readings of {@code val}, in the car's reusable array of last readings. */
    private static double[] readings(CarState c, double[] val, SplittableRandom r) {
        double[] out = c.last;
        double[] prev = c.previous;
        System.arraycopy(out, 0, prev, 0, Channels.COUNT);
        out[Channels.SPEED] =
                c.v <= 0
                        ? 0
                        : analog(
                                prev[Channels.SPEED],
                                Math.max(0.01, val[Channels.SPEED] + SPEED_NOISE_KMH * sym(r)),
                                r);
        out[Channels.THROTTLE] = throttle(prev[Channels.THROTTLE], val[Channels.THROTTLE], r);
        for (int k = 0; k < 4; k++) {
            int tyre = Channels.TYRE_TEMP + k;
            out[tyre] = analog(prev[tyre], val[tyre] + TYRE_TEMP_NOISE_C * sym(r), r);
            int pressure = Channels.TYRE_PRESSURE + k;
            out[pressure] = analog(prev[pressure], val[pressure] + PRESSURE_NOISE_PSI * sym(r), r);
            int brake = Channels.BRAKE_TEMP + k;
            out[brake] = analog(prev[brake], val[brake] + BRAKE_TEMP_NOISE_C * sym(r), r);
        }
        int engine = Channels.ENGINE;
        out[engine] = analog(prev[engine], val[engine] + ENGINE_TEMP_NOISE_C * sym(r), r);
        return out;
    }

    private Telemetry record(
            CarState c, long ts, long tick, double[] val, double[] out, SplittableRandom r) {
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
        s.speed = out[Channels.SPEED];
        s.throttle = out[Channels.THROTTLE];
        s.brake = c.brake <= 0 ? 0 : round2(Math.min(100, c.brake));
        int gear = gear(val[Channels.SPEED]);
        s.gear = gear;
        s.rpm = rpm(c, val[Channels.SPEED], gear, tick, r);
        s.drs = c.drsOpen;
        s.gLat = round2(c.gLat + G_NOISE * sym(r));
        s.gLong = round2(c.gLong + G_NOISE * sym(r));
        s.tyreCompound = c.compound.name();
        s.tyreAge = c.tyreAgeBase + Math.max(0, c.lap - c.fittedLap);
        s.tyreTempFl = out[Channels.TYRE_TEMP];
        s.tyreTempFr = out[Channels.TYRE_TEMP + 1];
        s.tyreTempRl = out[Channels.TYRE_TEMP + 2];
        s.tyreTempRr = out[Channels.TYRE_TEMP + 3];
        s.tyrePressureFl = out[Channels.TYRE_PRESSURE];
        s.tyrePressureFr = out[Channels.TYRE_PRESSURE + 1];
        s.tyrePressureRl = out[Channels.TYRE_PRESSURE + 2];
        s.tyrePressureRr = out[Channels.TYRE_PRESSURE + 3];
        s.tyreWear = round2(c.wear);
        s.brakeTempFl = out[Channels.BRAKE_TEMP];
        s.brakeTempFr = out[Channels.BRAKE_TEMP + 1];
        s.brakeTempRl = out[Channels.BRAKE_TEMP + 2];
        s.brakeTempRr = out[Channels.BRAKE_TEMP + 3];
        s.engineTemp = out[Channels.ENGINE];
        s.fuel = round2(c.fuel + FUEL_NOISE_KG * sym(r));
        s.trackStatus = raceControl.status().name();
        s.position = c.position;
        s.gapAhead = c.gapAhead;
        s.gapBehind = c.gapBehind;
        s.inPit = c.inPit;
        return s;
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
            if (kmh < GEAR_TOP_KMH[g] * UPSHIFT_FRACTION) {
                return g + 1;
            }
        }
        return GEAR_TOP_KMH.length;
    }

    private static int rpm(CarState c, double kmh, int gear, long tick, SplittableRandom r) {
        double rpm;
        double t = tick * DT;
        if (t < c.launchTime) {
            rpm = LAUNCH_RPM + 300 * sym(r);
        } else {
            rpm = SHIFT_RPM * kmh / GEAR_TOP_KMH[gear - 1] + 40 * sym(r);
        }
        return (int) Math.max(IDLE_RPM + 150 * r.nextDouble(), Math.min(MAX_RPM, rpm));
    }
}
