package dev.streamwall.generators.f1;

import static dev.streamwall.generators.f1.RaceSimulator.DT;

import java.util.ArrayList;
import java.util.List;

/** The running order: positions, gaps and the timing checkpoints the gaps are measured at. */
final class Classification {

    /** Distance between timing checkpoints, m. */
    static final double CHECKPOINT_M = 10;

    /** Timing checkpoints allocated beyond the race distance (cool-down lap and slack). */
    private static final int EXTRA_LAPS_TIMED = 2;

    private final CarState[] order;

    Classification(CarState[] startingOrder) {
        this.order = startingOrder;
    }

    CarState leader() {
        return order[0];
    }

    /** Car numbers in the current order. */
    List<Integer> carNumbers() {
        List<Integer> out = new ArrayList<>();
        for (CarState c : order) {
            out.add(c.number);
        }
        return out;
    }

    /** Sets up a car's checkpoint times: it crosses the first one at the start. */
    static void startTiming(CarState c, int totalLaps, double length) {
        c.cross = new double[(int) ((totalLaps + EXTRA_LAPS_TIMED) * length / CHECKPOINT_M) + 4];
        c.cross[0] = 0;
        c.nCross = 1;
    }

    /**
     * Records the checkpoints a car passed in the tick that took it from {@code fromRaceDist} at
     * time {@code t}, interpolating within the tick.
     */
    static void recordCheckpoints(CarState c, double fromRaceDist, double t) {
        double rd = c.raceDist();
        while (c.nCross < c.cross.length && c.nCross * CHECKPOINT_M <= rd) {
            double at = c.nCross * CHECKPOINT_M;
            c.cross[c.nCross] =
                    t + DT * (rd > fromRaceDist ? (at - fromRaceDist) / (rd - fromRaceDist) : 1);
            c.nCross++;
        }
    }

    /** Re-sorts the order and recomputes positions and gaps as of {@code tick}. */
    void update(long tick) {
        sort();
        double now = tick * DT;
        CarState onTrackAhead = null;
        for (int i = 0; i < order.length; i++) {
            CarState c = order[i];
            c.position = i + 1;
            if (i == 0) {
                c.gapAhead = null;
            } else {
                double x = c.effectiveRaceDist();
                double mine = c.finished ? c.finishTime : now;
                double gap = mine - timeAt(order[i - 1], x, now);
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
        for (int i = 0; i < order.length; i++) {
            order[i].gapBehind = i + 1 < order.length ? order[i + 1].gapAhead : null;
        }
    }

    /** Insertion sort: the order barely changes between updates. */
    private void sort() {
        CarState[] o = order;
        for (int i = 1; i < o.length; i++) {
            CarState c = o[i];
            int j = i - 1;
            while (j >= 0 && ahead(c, o[j])) {
                o[j + 1] = o[j];
                j--;
            }
            o[j + 1] = c;
        }
    }

    /** Whether {@code a} is ahead of {@code b} in the running order. */
    private static boolean ahead(CarState a, CarState b) {
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
    private static double timeAt(CarState x, double d, double now) {
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
}
