package dev.streamwall.pitwall.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;

/**
 * One completed lap as timing data sees it: what the strategy stage needs, whether it comes from
 * the job's own lap analytics or from recorded lap timing on the {@code f1.laps} topic.
 *
 * <p>Optional fields are boxed and may be null in recorded timing (no tyre or fuel data).
 */
public class LapTiming implements Serializable {
    private static final long serialVersionUID = 1L;

    public String raceId;
    public int car;
    public String driver;
    public String team;
    public int lap;
    public int totalLaps;

    /** Event time at which the car crossed the line to finish this lap. */
    public long lapEndTs;

    public long lapTimeMs;
    public int position;
    public Double gapAhead;
    public Double gapBehind;
    public String tyreCompound;

    /** Laps on this set of tyres at the end of the lap. */
    public Integer tyreAge;

    /** Tread wear in percent at the end of the lap. */
    public Double tyreWear;

    /** Fuel on board in kg at the end of the lap. */
    public Double fuel;

    /** The car entered the pit lane during this lap (an in-lap). */
    public boolean pitIn;

    /** The car started this lap from the pit lane (an out-lap). */
    public boolean pitOut;

    /** The worst track status seen during the lap. */
    public String trackStatus;

    /** Wall-clock millis at which the job read the record that closed this lap; not on the wire. */
    @JsonIgnore public long receivedAt;

    public LapTiming() {}

    @Override
    public String toString() {
        return "LapTiming{car="
                + car
                + ", lap="
                + lap
                + ", time="
                + lapTimeMs
                + "ms, pos="
                + position
                + ", "
                + tyreCompound
                + "/"
                + tyreAge
                + ", status="
                + trackStatus
                + "}";
    }
}
