package dev.streamwall.generators.f1;

/** One scheduled fault and its progress. */
final class InjectedFault {
    final FaultType type;
    final CarState car;
    String channel;
    int startLap;
    double startDistance;
    int corner;
    int stuckChannel;
    long durationTicks;
    long rampTicks;
    double level;
    double leakSeconds;
    double maxDrop;

    /** The punctured tyre's pressure when the leak starts. */
    double startPressure;

    double stuckValue = Double.NaN;
    long triggerTick = -1;
    long startTick = -1;
    long endTick = -1;
    boolean labelled;
    boolean cancelled;

    InjectedFault(FaultType type, CarState car) {
        this.type = type;
        this.car = car;
    }

    boolean active() {
        return startTick >= 0 && !labelled;
    }
}
