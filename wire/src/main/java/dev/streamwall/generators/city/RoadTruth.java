package dev.streamwall.generators.city;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.io.Serializable;

/**
 * A road's true state for one minute of simulated time, for scoring predictions afterwards.
 *
 * @param congestion 1 − speed / free-flow speed, 0..1
 * @param incident whether a lane closure is on this road
 */
// The suite's JSON mapper detects neither getters nor private fields: a record opts in
// to its fields.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public record RoadTruth(
        long ts,
        String road,
        double speedKmh,
        double flowVph,
        double occupancy,
        double congestion,
        boolean incident)
        implements Serializable {}
