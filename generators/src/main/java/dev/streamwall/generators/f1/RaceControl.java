package dev.streamwall.generators.f1;

import static dev.streamwall.generators.f1.RaceSimulator.secondsToTicks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Race control: the track status through the race, from the neutralised periods to the flag. */
final class RaceControl {

    /** Races this long get a seeded virtual safety car and, maybe, a safety car. */
    private static final int MIN_LAPS_FOR_VSC_AND_SC = 20;

    /** Races this long (and shorter than the above) get a seeded virtual safety car only. */
    private static final int MIN_LAPS_FOR_VSC = 10;

    private static final double SC_PROBABILITY = 0.6;
    private static final int SC_PLACEMENT_ATTEMPTS = 10;
    private static final int MIN_LAPS_BETWEEN_VSC_AND_SC = 6;

    /** DRS is enabled from this leader lap after the start. */
    private static final int FIRST_DRS_LAP = 3;

    /** DRS is enabled this many leader laps after a restart. */
    private static final int DRS_LAPS_AFTER_RESTART = 2;

    private final List<Neutralisation> neutralisations;
    private final double length;

    private TrackStatus status = TrackStatus.GREEN;
    private int nextNeutralisation;
    private Neutralisation active;
    private long vscEndTick;
    private int scEndLeaderLap;
    private int drsFromLeaderLap = FIRST_DRS_LAP;

    RaceControl(RaceConfig config, SplittableRandom rng) {
        this.neutralisations = resolveNeutralisations(config, rng);
        this.length = config.circuit().length;
    }

    TrackStatus status() {
        return status;
    }

    /** The neutralised periods this race will have (seeded or configured). */
    List<Neutralisation> neutralisations() {
        return neutralisations;
    }

    /** The first lap on which cars may use DRS. */
    int drsFromLeaderLap() {
        return drsFromLeaderLap;
    }

    /** The first car has finished: the race is over for everyone who crosses the line after it. */
    void showChequeredFlag() {
        status = TrackStatus.CHEQUERED;
        active = null;
    }

    /** Starts and ends neutralised periods as the leader reaches them. */
    void update(CarState leader, long tick) {
        if (status == TrackStatus.CHEQUERED) {
            return;
        }
        if (active != null) {
            boolean over =
                    active.status() == TrackStatus.VSC
                            ? tick >= vscEndTick
                            : leader.lap >= scEndLeaderLap;
            if (over) {
                active = null;
                status = TrackStatus.GREEN;
                drsFromLeaderLap = leader.lap + DRS_LAPS_AFTER_RESTART;
            }
            return;
        }
        if (nextNeutralisation < neutralisations.size()) {
            Neutralisation n = neutralisations.get(nextNeutralisation);
            boolean reached =
                    leader.lap > n.lap()
                            || (leader.lap == n.lap()
                                    && leader.lapDist >= n.lapFraction() * length);
            if (reached) {
                nextNeutralisation++;
                // A period the leader is already more than a lap past is dropped, not started late.
                if (leader.lap > n.lap() + 1) {
                    return;
                }
                active = n;
                status = n.status();
                vscEndTick = tick + secondsToTicks(n.durationSeconds());
                scEndLeaderLap = leader.lap + n.laps();
            }
        }
    }

    private static List<Neutralisation> resolveNeutralisations(
            RaceConfig config, SplittableRandom rng) {
        List<Neutralisation> list = new ArrayList<>();
        switch (config.neutralisationMode()) {
            case NONE -> {}
            case EXPLICIT -> list.addAll(config.neutralisations());
            case SEEDED -> drawSeeded(list, config.laps(), rng);
        }
        list.sort(
                Comparator.comparingInt(Neutralisation::lap)
                        .thenComparingDouble(Neutralisation::lapFraction));
        return List.copyOf(list);
    }

    private static void drawSeeded(List<Neutralisation> list, int totalLaps, SplittableRandom rng) {
        if (totalLaps >= MIN_LAPS_FOR_VSC_AND_SC) {
            int vscLap = 8 + rng.nextInt(totalLaps - 17);
            list.add(
                    Neutralisation.vsc(
                            vscLap, 0.1 + 0.8 * rng.nextDouble(), 60 + 60 * rng.nextDouble()));
            if (rng.nextDouble() < SC_PROBABILITY) {
                for (int attempt = 0; attempt < SC_PLACEMENT_ATTEMPTS; attempt++) {
                    int scLap = 10 + rng.nextInt(totalLaps - 17);
                    if (Math.abs(scLap - vscLap) >= MIN_LAPS_BETWEEN_VSC_AND_SC) {
                        list.add(
                                Neutralisation.safetyCar(
                                        scLap, 0.1 + 0.8 * rng.nextDouble(), 3 + rng.nextInt(2)));
                        break;
                    }
                }
            }
        } else if (totalLaps >= MIN_LAPS_FOR_VSC) {
            list.add(
                    Neutralisation.vsc(
                            4 + rng.nextInt(totalLaps - 7),
                            0.1 + 0.8 * rng.nextDouble(),
                            45 + 45 * rng.nextDouble()));
        }
    }
}
