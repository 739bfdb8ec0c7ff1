package dev.streamwall.generators.factory;

import java.io.Serializable;

/**
 * Ground truth of one injected fault or noise spike, sent to the {@code factory.labels} topic when
 * it starts so that detections can be scored.
 */
public class FactoryLabel implements Serializable {
    private static final long serialVersionUID = 1L;

    public String plantId;
    public String machine;

    /** One of {@link FactoryFaultType}'s names. */
    public String fault;

    /** The affected sensor; for bearing wear the first to show it (vibration). */
    public String sensor;

    public long startTs;

    /** When the fault ends: repaired, or (bearing wear) the failure. */
    public long endTs;

    /** Bearing wear only: when the temperature reaches the failure level and the machine stops. */
    public Long failureTs;

    public FactoryLabel() {}

    public FactoryLabel(
            String plantId,
            String machine,
            FactoryFaultType fault,
            String sensor,
            long startTs,
            long endTs,
            Long failureTs) {
        this.plantId = plantId;
        this.machine = machine;
        this.fault = fault.name();
        this.sensor = sensor;
        this.startTs = startTs;
        this.endTs = endTs;
        this.failureTs = failureTs;
    }

    public FactoryFaultType type() {
        return FactoryFaultType.valueOf(fault);
    }

    @Override
    public String toString() {
        return "FactoryLabel{"
                + machine
                + " "
                + fault
                + " "
                + sensor
                + " "
                + startTs
                + ".."
                + endTs
                + "}";
    }
}
