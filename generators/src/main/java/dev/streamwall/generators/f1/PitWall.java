package dev.streamwall.generators.f1;

import static dev.streamwall.generators.f1.RaceSimulator.DT;
import static dev.streamwall.generators.f1.RaceSimulator.secondsToTicks;

import java.util.List;

/** The pit wall and pit lane: when to call a car in, the pit-lane speeds and the stop itself. */
final class PitWall {

    private static final double PIT_CALL_BEFORE_ENTRY_M = 400;
    private static final double PIT_ENTRY_DECEL = 1.6 * Circuit.G;
    private static final double BOX_DECEL = 7.0;
    private static final double PUNCTURE_PIT_AFTER_S = 85;

    /** A car this close to its box has arrived in it, m. */
    private static final double IN_BOX_M = 0.5;

    private static final double STOP_MIN_S = 2.0;
    private static final double STOP_SPREAD_S = 1.5;

    /** A stop this many laps early still counts as the planned one. */
    private static final int PLANNED_STOP_EARLY_LAPS = 3;

    /** Under a neutralisation a car pits this many laps early, if its tyres then reach the end. */
    private static final int NEUTRALISED_STOP_EARLY_LAPS = 4;

    private final Circuit circuit;
    private final int totalLaps;
    private final double pitSpeed;
    private final RaceControl raceControl;
    private final FaultInjector faults;

    PitWall(RaceConfig config, RaceControl raceControl, FaultInjector faults) {
        this.circuit = config.circuit();
        this.totalLaps = config.laps();
        this.pitSpeed = circuit.pitSpeedLimitKmh / 3.6;
        this.raceControl = raceControl;
        this.faults = faults;
    }

    /**
     * Moving from {@code d} to {@code nd} on track: makes the call at the decision line and takes a
     * called car into the pit lane at the entry line.
     */
    void approach(CarState c, double d, double nd, long tick) {
        double decision = circuit.pitEntry - PIT_CALL_BEFORE_ENTRY_M;
        if (!c.boxThisLap && d < decision && nd >= decision) {
            c.boxThisLap = callToPit(c, tick);
        }
        if (c.boxThisLap && d < circuit.pitEntry && nd >= circuit.pitEntry) {
            c.boxThisLap = false;
            c.pitPhase = PitPhase.ENTERING;
            c.inPit = true;
            c.drsOpen = false;
        }
    }

    /** Caps {@code target} for the pit entry, the speed limit and braking into the box. */
    double limitSpeed(CarState c, double d, double target) {
        return switch (c.pitPhase) {
            case NONE -> {
                if (c.boxThisLap && d < circuit.pitEntry) {
                    double toEntry = circuit.pitEntry - d;
                    yield Math.min(
                            target, Math.sqrt(pitSpeed * pitSpeed + 2 * PIT_ENTRY_DECEL * toEntry));
                }
                yield target;
            }
            case ENTERING -> {
                double limited = Math.min(target, pitSpeed);
                double toBox = circuit.pitBox - d;
                yield Math.min(limited, Math.sqrt(2 * BOX_DECEL * Math.max(0, toBox)));
            }
            case LEAVING -> Math.min(target, pitSpeed);
            default -> target;
        };
    }

    /** Whether a car at lap distance {@code d} has arrived in its box. */
    boolean reachedBox(CarState c, double d) {
        return c.pitPhase == PitPhase.ENTERING && circuit.pitBox - d < IN_BOX_M;
    }

    void stopInBox(CarState c, long tick) {
        c.lapDist = circuit.pitBox;
        c.v = 0;
        c.pitPhase = PitPhase.STATIONARY;
        c.releaseTick = tick + secondsToTicks(STOP_MIN_S + STOP_SPREAD_S * c.rng.nextDouble());
    }

    /** A tick of a car standing in its box: the crew changes tyres and releases it on time. */
    void serveStop(CarState c, long tick) {
        c.v = 0;
        c.throttle = 0;
        c.brake = 0;
        if (tick >= c.releaseTick) {
            changeTyres(c, tick);
            c.pitPhase = PitPhase.LEAVING;
        }
    }

    /** Back on track once a leaving car at lap distance {@code nd} passes the pit exit. */
    void leavePitLane(CarState c, double nd) {
        if (c.pitPhase == PitPhase.LEAVING && nd >= circuit.pitExit && nd < circuit.pitEntry) {
            c.pitPhase = PitPhase.NONE;
            c.inPit = false;
        }
    }

    private boolean callToPit(CarState c, long tick) {
        TrackStatus status = raceControl.status();
        if (c.noPit || c.finished || status == TrackStatus.CHEQUERED || c.lap >= totalLaps) {
            return false;
        }
        InjectedFault puncture = c.activePuncture();
        if (puncture != null) {
            return (tick - puncture.startTick) * DT >= PUNCTURE_PIT_AFTER_S;
        }
        List<Integer> stops = c.strategy.stopLaps();
        if (c.stint >= stops.size()) {
            return false;
        }
        int next = stops.get(c.stint);
        if (next <= c.lap) {
            return true;
        }
        if (status.neutralised() && next - c.lap <= NEUTRALISED_STOP_EARLY_LAPS) {
            int end = c.stint + 1 < stops.size() ? stops.get(c.stint + 1) : totalLaps;
            Compound nextCompound = c.strategy.compounds().get(c.stint + 1);
            return end - c.lap <= PitStrategy.usable(nextCompound, c.lifeFactor);
        }
        return false;
    }

    private void changeTyres(CarState c, long tick) {
        List<Integer> stops = c.strategy.stopLaps();
        boolean planned =
                c.stint < stops.size() && stops.get(c.stint) <= c.lap + PLANNED_STOP_EARLY_LAPS;
        Compound next = c.compound;
        if (planned) {
            c.stint++;
            next = c.strategy.compounds().get(c.stint);
        }
        c.fitTyres(next, 0, c.lap + 1);
        c.tyreCore = CarPhysics.BLANKET_TEMP_C - 3 + 4 * c.rng.nextDouble();
        InjectedFault puncture = c.activePuncture();
        if (puncture != null) {
            faults.endFault(puncture, tick);
        }
        c.punctureDrop = 0;
    }
}
