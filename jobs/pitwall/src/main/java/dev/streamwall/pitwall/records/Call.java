package dev.streamwall.pitwall.records;

/** The strategy calls the pit wall makes to a car. */
public enum Call {
    /** Keep going: no stop is due. */
    STAY_OUT,
    /** A stop is likely within the window: get the crew and tyres ready. */
    PREPARE,
    /** Stop at the end of this lap. */
    BOX_NOW,
    /** A neutralised track makes a stop cheap now. */
    BOX_OPPORTUNITY
}
