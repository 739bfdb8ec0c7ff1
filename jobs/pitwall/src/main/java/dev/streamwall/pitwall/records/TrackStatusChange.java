package dev.streamwall.pitwall.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;

/** A change of track status seen in one car's telemetry: it triggers a fresh strategy call. */
public class TrackStatusChange implements Serializable {
    private static final long serialVersionUID = 1L;

    public String raceId;
    public int car;
    public long ts;
    public int lap;
    public String from;
    public String to;

    @JsonIgnore public long receivedAt;

    public TrackStatusChange() {}

    public TrackStatusChange(String raceId, int car, long ts, int lap, String from, String to) {
        this.raceId = raceId;
        this.car = car;
        this.ts = ts;
        this.lap = lap;
        this.from = from;
        this.to = to;
    }
}
