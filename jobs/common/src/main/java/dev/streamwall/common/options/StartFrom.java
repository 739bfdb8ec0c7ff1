package dev.streamwall.common.options;

/** Where a job starts reading a topic when it has no checkpointed offsets. */
public enum StartFrom {
    /** The group's committed offsets, else the earliest. */
    COMMITTED,
    EARLIEST,
    LATEST
}
