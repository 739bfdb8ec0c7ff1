package dev.streamwall.generators.city;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The traffic physics of the simulated city, as small pure functions: demand over the day, the
 * speed a road settles at for its demand and capacity (the BPR volume-delay curve), and the
 * detector occupancy that speed and flow imply.
 */
public final class TrafficModel {

    /** Effective vehicle length seen by a loop detector (vehicle + loop), metres. */
    static final double DETECTOR_LENGTH_M = 7.5;

    private TrafficModel() {}

    /**
     * Demand as a share of capacity at this time (local time = UTC here): weekday peaks around
     * 08:00 and 17:30 over a daytime plateau, a quiet night, a flatter weekend afternoon.
     */
    public static double demandShare(long ts) {
        ZonedDateTime t = Instant.ofEpochMilli(ts).atZone(ZoneOffset.UTC);
        double h = t.getHour() + t.getMinute() / 60.0 + t.getSecond() / 3600.0;
        boolean weekend =
                t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
        if (weekend) {
            return 0.12 + 0.40 * bump(h, 14.0, 3.0) + 0.10 * plateau(h);
        }
        return 0.10 + 0.70 * bump(h, 8.0, 0.9) + 0.62 * bump(h, 17.5, 1.2) + 0.22 * plateau(h);
    }

    private static double bump(double h, double centre, double width) {
        double x = (h - centre) / width;
        return Math.exp(-x * x);
    }

    private static double plateau(double h) {
        return h >= 7 && h <= 20 ? 1.0 : 0.0;
    }

    /** The speed a road settles at: the BPR curve v = vf / (1 + 0.15 (q/c)^4), at least 5 km/h. */
    public static double equilibriumSpeed(
            double freeFlowKmh, double demandVph, double capacityVph) {
        double x = demandVph / capacityVph;
        return Math.max(5.0, freeFlowKmh / (1 + 0.15 * Math.pow(x, 4)));
    }

    /** Detector occupancy from flow (all lanes) and speed: density per lane × detector length. */
    public static double occupancy(double flowVph, double speedKmh, int lanes) {
        double densityPerLaneKm = flowVph / Math.max(speedKmh, 1.0) / lanes;
        return Math.min(0.95, densityPerLaneKm * DETECTOR_LENGTH_M / 1000.0);
    }
}
