package dev.streamwall.generators.city;

import java.io.Serializable;

/**
 * A directed road segment between two junctions.
 *
 * @param id road id, such as {@code R07}
 * @param from the junction the road leaves
 * @param to the junction the road enters
 * @param lengthM length in metres
 * @param lanes lanes in this direction
 * @param freeFlowKmh speed with the road empty
 * @param capacityVph vehicles per hour the road discharges at most (all lanes)
 */
public record Road(
        String id,
        String from,
        String to,
        double lengthM,
        int lanes,
        double freeFlowKmh,
        double capacityVph)
        implements Serializable {

    public Road {
        if (id == null || id.isBlank() || from == null || to == null) {
            throw new IllegalArgumentException("a road needs an id, a from and a to junction");
        }
        if (!(lengthM > 0) || lanes < 1 || !(freeFlowKmh > 0) || !(capacityVph > 0)) {
            throw new IllegalArgumentException(
                    "road "
                            + id
                            + ": length, lanes, free-flow speed and capacity must be positive");
        }
    }

    /** The road a roads-topic record describes. */
    public static Road of(RoadRecord r) {
        return new Road(r.road, r.from, r.to, r.lengthM, r.lanes, r.freeFlowKmh, r.capacityVph);
    }

    /** Minutes to drive the road at free flow. */
    public double freeFlowMinutes() {
        return lengthM / 1000.0 / freeFlowKmh * 60.0;
    }
}
