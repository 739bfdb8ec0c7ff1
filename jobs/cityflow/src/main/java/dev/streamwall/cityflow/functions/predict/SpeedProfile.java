package dev.streamwall.cityflow.functions.predict;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A road's time-of-day profile of speed, read in the city's time zone: 96 quarter-hours for
 * weekdays, 96 for weekends and 96 for all days, kept in the road's {@link RoadModel}. A
 * quarter-hour speaks once it was seen on an earlier day, its day type's when that has been seen,
 * else all days' (so a first Saturday borrows the weekdays'); each day weighs {@value
 * #PROFILE_DAY_RATE} of a quarter-hour's profile, however many readings it has.
 */
final class SpeedProfile implements Serializable {
    private static final long serialVersionUID = 1L;

    static final int PROFILE_BUCKETS = 96;

    /** Weight of the newest day in a quarter-hour's profile. */
    static final double PROFILE_DAY_RATE = 0.3;

    private final ZoneId zone;

    SpeedProfile(ZoneId zone) {
        this.zone = zone;
    }

    /** A fresh profile in {@code m}: nothing seen. */
    static void reset(RoadModel m) {
        m.speedProfile = new double[3 * PROFILE_BUCKETS];
        m.speedProfileN = new int[3 * PROFILE_BUCKETS];
        m.speedProfileDays = new int[3 * PROFILE_BUCKETS];
        m.speedProfileLastDay = new int[3 * PROFILE_BUCKETS];
    }

    /**
     * The profile's speed at {@code ts}: its day type's quarter-hour when that was seen on an
     * earlier day, else all days' quarter-hour when that was; NaN otherwise.
     */
    double speed(RoadModel m, long ts) {
        int today = day(ts);
        int own = bucket(ts);
        if (seenBefore(m, own, today)) {
            return m.speedProfile[own];
        }
        int all = 2 * PROFILE_BUCKETS + own % PROFILE_BUCKETS;
        return seenBefore(m, all, today) ? m.speedProfile[all] : Double.NaN;
    }

    private static boolean seenBefore(RoadModel m, int b, int today) {
        return m.speedProfileDays[b] > 1
                || m.speedProfileDays[b] == 1 && m.speedProfileLastDay[b] < today;
    }

    /**
     * Folds a reading into its quarter-hour of its day type and of all days. A day weighs {@value
     * #PROFILE_DAY_RATE} once the quarter-hour has a few days, spread over that day's readings
     * ({@code stepMs} apart; the first reading counts as one of a quarter-hour's worth).
     */
    void update(RoadModel m, long ts, double speed, long stepMs) {
        if (Double.isNaN(speed)) {
            return;
        }
        int own = bucket(ts);
        int today = day(ts);
        double perQuarter =
                stepMs > 0 ? Math.max(1, 15 * 60_000.0 / Math.min(stepMs, 15 * 60_000L)) : 1;
        double floor = 1 - Math.pow(1 - PROFILE_DAY_RATE, 1 / perQuarter);
        for (int b : new int[] {own, 2 * PROFILE_BUCKETS + own % PROFILE_BUCKETS}) {
            int n = m.speedProfileN[b];
            double rate = Math.max(1.0 / (n + 1), floor);
            m.speedProfile[b] += rate * (speed - m.speedProfile[b]);
            m.speedProfileN[b] = n + 1;
            if (m.speedProfileDays[b] == 0 || m.speedProfileLastDay[b] != today) {
                m.speedProfileDays[b]++;
                m.speedProfileLastDay[b] = today;
            }
        }
    }

    /** Quarter-hour of the day in the city's time zone, weekends after weekdays. */
    int bucket(long ts) {
        ZonedDateTime t = Instant.ofEpochMilli(ts).atZone(zone);
        int quarter = (t.getHour() * 60 + t.getMinute()) / 15;
        boolean weekend =
                t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
        return (weekend ? PROFILE_BUCKETS : 0) + quarter;
    }

    /** The day in the city's time zone, as days since 1970-01-01. */
    int day(long ts) {
        return (int) Instant.ofEpochMilli(ts).atZone(zone).toLocalDate().toEpochDay();
    }
}
