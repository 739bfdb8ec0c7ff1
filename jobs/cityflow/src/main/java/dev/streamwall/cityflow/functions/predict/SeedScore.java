package dev.streamwall.cityflow.functions.predict;

/** The seed project's congestion score, the baseline every forecast is reported next to. */
final class SeedScore {

    /** The minutes of readings the score averages. */
    static final int MINUTES = 30;

    /**
     * The seed's score: {@code 0.4 (1 - v/vf) + 0.4 occupancy + 0.2 flow/capacity} over the last 30
     * minutes; terms a road does not measure are left out and the others re-weighted.
     */
    static double of(RoadModel m, long ts, double vf, double capacity) {
        int ring = m.slotTs.length;
        double speed = 0, flow = 0, occ = 0;
        int ns = 0, nf = 0, no = 0;
        for (int k = 0; k < MINUTES; k++) {
            long t = ts - k * 60_000L;
            int slot = (int) Math.floorMod(Math.floorDiv(t, 60_000L), ring);
            if (m.slotTs[slot] != t) {
                continue;
            }
            speed += m.rawSpeed[slot];
            ns++;
            if (!Double.isNaN(m.rawFlow[slot])) {
                flow += m.rawFlow[slot];
                nf++;
            }
            if (!Double.isNaN(m.rawOccupancy[slot])) {
                occ += m.rawOccupancy[slot];
                no++;
            }
        }
        double cap = Double.isNaN(capacity) ? m.learnedCapacity : capacity;
        double score = 0.4 * CongestionModel.clamp(1 - speed / ns / vf);
        double weight = 0.4;
        if (no > 0) {
            score += 0.4 * CongestionModel.clamp(occ / no);
            weight += 0.4;
        }
        if (nf > 0 && cap > 0) {
            score += 0.2 * CongestionModel.clamp(flow / nf / cap);
            weight += 0.2;
        }
        return score / weight;
    }

    private SeedScore() {}
}
