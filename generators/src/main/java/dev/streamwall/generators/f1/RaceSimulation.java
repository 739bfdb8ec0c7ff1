package dev.streamwall.generators.f1;

import dev.streamwall.generators.wire.SideRecord;
import dev.streamwall.generators.wire.Simulation;
import java.util.ArrayList;
import java.util.List;

/** A race as a {@link Simulation}: telemetry samples, and fault labels as the faults end. */
public final class RaceSimulation implements Simulation<Telemetry> {
    private final RaceSimulator sim;
    private final RaceConfig race;
    private final String labelsTopic;
    private volatile int leaderLap = 1;
    private volatile String trackStatus = "GREEN";

    public RaceSimulation(RaceConfig race, String labelsTopic) {
        this.race = race;
        this.sim = new RaceSimulator(race);
        this.labelsTopic = labelsTopic;
    }

    @Override
    public long startTime() {
        return race.startTime();
    }

    @Override
    public boolean hasNext() {
        return sim.hasNext();
    }

    @Override
    public Telemetry next() {
        Telemetry t = sim.next();
        leaderLap = sim.leaderLap();
        trackStatus = t.trackStatus;
        return t;
    }

    @Override
    public List<SideRecord> pollSideRecords() {
        List<FaultLabel> labels = sim.pollLabels();
        if (labels.isEmpty()) {
            return List.of();
        }
        List<SideRecord> out = new ArrayList<>(labels.size());
        for (FaultLabel label : labels) {
            out.add(new SideRecord(labelsTopic, Integer.toString(label.car), label));
        }
        return out;
    }

    /** The leader's lap as of the latest sample. */
    public int leaderLap() {
        return leaderLap;
    }

    /** The track status of the latest sample. */
    public String trackStatus() {
        return trackStatus;
    }
}
