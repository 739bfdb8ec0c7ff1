package dev.streamwall.generators.f1;

import java.io.Serializable;
import java.util.List;

/**
 * A race track as the simulator sees it: corners, sectors, DRS zones, pit lane and a precomputed
 * reference speed profile at 1 m resolution.
 *
 * <p>All distances are metres from the timing line along the racing line. The reference profile is
 * the fastest possible lap for the reference car: corner speed limits from curvature and lateral
 * grip, then acceleration (traction, power, drag) and braking (grip plus downforce) limits. A car
 * running at a fraction {@code f} of the profile laps in {@link #referenceLapSeconds()}{@code / f}.
 */
public final class Circuit implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final double G = 9.81;

    /** One corner: where its apex is, how fast and with how much lateral load a car takes it. */
    public record Corner(
            String name,
            double apexDistance,
            double apexSpeedKmh,
            double peakLateralG,
            double halfLength,
            int direction)
            implements Serializable {}

    /** A named straight; {@code end < start} means it crosses the timing line. */
    public record Straight(String name, double start, double end) implements Serializable {}

    /**
     * A DRS zone: the gap is measured at the detection point, the flap opens from activation to
     * end.
     */
    public record DrsZone(double detection, double activation, double end)
            implements Serializable {}

    /**
     * Silverstone, British Grand Prix layout. Length and lap count are the official figures; corner
     * positions, apex speeds, sector boundaries, DRS zones and pit positions are approximations.
     */
    public static final Circuit SILVERSTONE =
            new Circuit(
                    "silverstone",
                    "Silverstone Circuit",
                    5891,
                    52,
                    1800,
                    4150,
                    List.of(
                            new Corner("Abbey", 330, 274, 3.9, 70, 1),
                            new Corner("Farm", 610, 282, 3.4, 80, -1),
                            new Corner("Village", 930, 122, 3.4, 50, 1),
                            new Corner("The Loop", 1080, 77, 2.9, 40, -1),
                            new Corner("Aintree", 1230, 184, 3.6, 60, -1),
                            new Corner("Brooklands", 1960, 134, 3.5, 50, -1),
                            new Corner("Luffield", 2160, 116, 3.3, 90, 1),
                            new Corner("Woodcote", 2420, 247, 4.0, 80, 1),
                            new Corner("Copse", 2990, 274, 5.3, 70, 1),
                            new Corner("Maggotts", 3360, 289, 5.0, 50, -1),
                            new Corner("Becketts", 3520, 221, 5.5, 60, 1),
                            new Corner("Chapel", 3690, 240, 4.6, 60, -1),
                            new Corner("Stowe", 4650, 238, 5.0, 80, 1),
                            new Corner("Vale", 5020, 116, 3.2, 40, -1),
                            new Corner("Club", 5200, 167, 3.8, 70, 1)),
                    List.of(
                            new Straight("Hamilton Straight", 5270, 250),
                            new Straight("Wellington Straight", 1290, 1900),
                            new Straight("Hangar Straight", 3750, 4560)),
                    List.of(new DrsZone(1000, 1320, 1790), new DrsZone(3420, 3790, 4470)),
                    5560,
                    20,
                    5780,
                    80,
                    328);

    public final String id;
    public final String name;
    public final double length;
    public final int raceLaps;

    /** Lap distance at which sector 1 ends and sector 2 begins. */
    public final double sector1End;

    /** Lap distance at which sector 2 ends and sector 3 begins. */
    public final double sector2End;

    public final List<Corner> corners;
    public final List<Straight> straights;
    public final List<DrsZone> drsZones;

    /**
     * Lap distance where a car entering the pits leaves the track (the pit lane crosses the line).
     */
    public final double pitEntry;

    /** Lap distance where the pit lane rejoins the track, just after the timing line. */
    public final double pitExit;

    /** Lap distance of the pit boxes, before the timing line. */
    public final double pitBox;

    public final double pitSpeedLimitKmh;
    public final double topSpeedKmh;

    private transient volatile Profile profile;

    public Circuit(
            String id,
            String name,
            double length,
            int raceLaps,
            double sector1End,
            double sector2End,
            List<Corner> corners,
            List<Straight> straights,
            List<DrsZone> drsZones,
            double pitEntry,
            double pitExit,
            double pitBox,
            double pitSpeedLimitKmh,
            double topSpeedKmh) {
        this.id = id;
        this.name = name;
        this.length = length;
        this.raceLaps = raceLaps;
        this.sector1End = sector1End;
        this.sector2End = sector2End;
        this.corners = List.copyOf(corners);
        this.straights = List.copyOf(straights);
        this.drsZones = List.copyOf(drsZones);
        this.pitEntry = pitEntry;
        this.pitExit = pitExit;
        this.pitBox = pitBox;
        this.pitSpeedLimitKmh = pitSpeedLimitKmh;
        this.topSpeedKmh = topSpeedKmh;
    }

    /** Sector 1, 2 or 3 of a lap distance. */
    public int sector(double lapDistance) {
        return lapDistance < sector1End ? 1 : lapDistance < sector2End ? 2 : 3;
    }

    /** Whether a lap distance lies in the pit lane (for a car that is using it). */
    public boolean inPitLane(double lapDistance) {
        return lapDistance >= pitEntry || lapDistance < pitExit;
    }

    /** Reference speed in m/s at a lap distance, linearly interpolated between metres. */
    public double referenceSpeed(double lapDistance) {
        Profile p = profile();
        double x = lapDistance < 0 ? 0 : lapDistance;
        int i = (int) x;
        if (i >= p.n) {
            i %= p.n;
            x = i;
        }
        double frac = x - i;
        int j = i + 1 == p.n ? 0 : i + 1;
        return p.speed[i] + (p.speed[j] - p.speed[i]) * frac;
    }

    /** Signed curvature (1/m) of the racing line at a lap distance; positive turns right. */
    public double curvature(double lapDistance) {
        Profile p = profile();
        return p.curvature[index(p, lapDistance)];
    }

    /** Throttle (0-100) the reference car uses at a lap distance. */
    public double referenceThrottle(double lapDistance) {
        Profile p = profile();
        return p.throttle[index(p, lapDistance)];
    }

    /** Brake pedal (0-100) the reference car uses at a lap distance. */
    public double referenceBrake(double lapDistance) {
        Profile p = profile();
        return p.brake[index(p, lapDistance)];
    }

    /** Lap time in seconds of the reference car on a flying lap. */
    public double referenceLapSeconds() {
        return profile().lapSeconds;
    }

    /** Time in seconds the reference car spends between two lap distances on a flying lap. */
    public double referenceSeconds(double from, double to) {
        Profile p = profile();
        double t = 0;
        for (int i = (int) from; i < (int) to; i++) {
            t += p.secondsPerMetre[i % p.n];
        }
        return t;
    }

    /** The DRS zone whose activation-to-end span contains a lap distance, or null. */
    public DrsZone drsZoneAt(double lapDistance) {
        for (DrsZone z : drsZones) {
            if (lapDistance >= z.activation && lapDistance < z.end) {
                return z;
            }
        }
        return null;
    }

    /**
     * Tractive acceleration limit in m/s² at a speed (traction, engine power, aerodynamic drag).
     */
    public static double accelerationLimit(double v) {
        double traction = 1.2 * G;
        double power = ENGINE_POWER_W / (CAR_MASS_KG * Math.max(v, 1.0));
        return Math.min(traction, power) - drag(v);
    }

    /** Braking deceleration limit in m/s² at a speed: mechanical grip plus downforce. */
    public static double brakingLimit(double v) {
        double x = v / 90.0;
        return G * Math.min(5.0, 1.9 + 3.4 * x * x);
    }

    /** Deceleration in m/s² from aerodynamic drag alone. */
    public static double drag(double v) {
        return 0.5 * AIR_DENSITY * DRAG_AREA * v * v / CAR_MASS_KG;
    }

    private static final double ENGINE_POWER_W = 700_000;
    private static final double CAR_MASS_KG = 800;
    private static final double AIR_DENSITY = 1.2;
    private static final double DRAG_AREA = 1.62;

    private static int index(Profile p, double lapDistance) {
        int i = (int) lapDistance;
        if (i < 0) {
            return 0;
        }
        return i >= p.n ? i % p.n : i;
    }

    private Profile profile() {
        Profile p = profile;
        if (p == null) {
            synchronized (this) {
                p = profile;
                if (p == null) {
                    p = new Profile(this);
                    profile = p;
                }
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return name + " (" + (int) length + " m, " + raceLaps + " laps)";
    }

    /** The precomputed per-metre arrays. */
    private static final class Profile {
        final int n;
        final double[] speed;
        final double[] curvature;
        final double[] throttle;
        final double[] brake;
        final double[] secondsPerMetre;
        final double lapSeconds;

        Profile(Circuit c) {
            n = (int) Math.round(c.length);
            speed = new double[n];
            curvature = new double[n];
            throttle = new double[n];
            brake = new double[n];
            secondsPerMetre = new double[n];
            double vTop = c.topSpeedKmh / 3.6;
            double[] cap = new double[n];
            for (int i = 0; i < n; i++) {
                cap[i] = vTop;
            }
            for (Corner k : c.corners) {
                double va = k.apexSpeedKmh / 3.6;
                double kApex = k.peakLateralG * G / (va * va);
                int from = (int) Math.floor(k.apexDistance - k.halfLength);
                int to = (int) Math.ceil(k.apexDistance + k.halfLength);
                for (int d = from; d <= to; d++) {
                    double x = (d - k.apexDistance) / k.halfLength;
                    if (Math.abs(x) >= 1) {
                        continue;
                    }
                    int i = Math.floorMod(d, n);
                    double kappa = kApex * (1 - x * x);
                    if (kappa > Math.abs(curvature[i])) {
                        curvature[i] = k.direction * kappa;
                    }
                    cap[i] = Math.min(cap[i], Math.sqrt(k.peakLateralG * G / kappa));
                }
            }
            System.arraycopy(cap, 0, speed, 0, n);
            // Two laps each way so the passes settle across the timing line.
            for (int pass = 0; pass < 2 * n; pass++) {
                int i = pass % n;
                int j = (i + 1) % n;
                double v = speed[i];
                double reach = Math.sqrt(Math.max(0, v * v + 2 * accelerationLimit(v)));
                if (speed[j] > reach) {
                    speed[j] = reach;
                }
            }
            for (int pass = 2 * n; pass > 0; pass--) {
                int j = pass % n;
                int i = (j - 1 + n) % n;
                double v = speed[j];
                double reach = Math.sqrt(v * v + 2 * brakingLimit(v));
                if (speed[i] > reach) {
                    speed[i] = reach;
                }
            }
            double t = 0;
            for (int i = 0; i < n; i++) {
                int j = (i + 1) % n;
                double v0 = speed[i];
                double v1 = speed[j];
                secondsPerMetre[i] = 2.0 / (v0 + v1);
                t += secondsPerMetre[i];
                double accel = (v1 * v1 - v0 * v0) / 2.0;
                double vm = (v0 + v1) / 2;
                if (accel >= 0) {
                    double maxDrive = accelerationLimit(vm) + drag(vm);
                    double need = accel + drag(vm);
                    boolean atTopSpeed = vm >= vTop - 0.5;
                    throttle[i] =
                            atTopSpeed ? 100 : Math.min(100, Math.max(0, 100 * need / maxDrive));
                    brake[i] = 0;
                } else {
                    double decel = -accel;
                    double coast = drag(vm);
                    if (decel <= coast) {
                        throttle[i] =
                                Math.max(
                                        0, 100 * (coast - decel) / (accelerationLimit(vm) + coast));
                        brake[i] = 0;
                    } else {
                        throttle[i] = 0;
                        brake[i] =
                                Math.min(100, 100 * (decel - coast) / (brakingLimit(vm) - coast));
                    }
                }
            }
            lapSeconds = t;
        }
    }
}
