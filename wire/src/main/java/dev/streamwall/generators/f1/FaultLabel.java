package dev.streamwall.generators.f1;

import java.io.Serializable;

/**
 * Ground truth of one injected fault, written to the {@code f1.labels} topic so detections can be
 * scored.
 */
public class FaultLabel implements Serializable {
    private static final long serialVersionUID = 1L;

    public String raceId;
    public int car;

    /** One of {@link FaultType}'s names. */
    public String fault;

    /**
     * Which sensor or corner is affected, for example {@code brake_temp_fr}; null when not
     * applicable.
     */
    public String channel;

    public long startTs;
    public long endTs;

    public FaultLabel() {}

    public FaultLabel(
            String raceId, int car, FaultType fault, String channel, long startTs, long endTs) {
        this.raceId = raceId;
        this.car = car;
        this.fault = fault.name();
        this.channel = channel;
        this.startTs = startTs;
        this.endTs = endTs;
    }

    @Override
    public String toString() {
        return "FaultLabel{car="
                + car
                + ", fault="
                + fault
                + ", channel="
                + channel
                + ", "
                + startTs
                + ".."
                + endTs
                + "}";
    }
}
