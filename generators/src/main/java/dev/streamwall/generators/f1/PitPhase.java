package dev.streamwall.generators.f1;

/** Where a car is in a pit stop, from the pit-entry line to the pit exit. */
enum PitPhase {
    NONE,
    ENTERING,
    STATIONARY,
    LEAVING
}
