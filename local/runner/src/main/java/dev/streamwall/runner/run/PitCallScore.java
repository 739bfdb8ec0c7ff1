package dev.streamwall.runner.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The pit calls of a run scored against the stops a recording made, next to two baselines. A real
 * stop is an in-lap after lap 1. Recall: the real stops with a BOX call on one of the two laps
 * before or on the in-lap, or a PREPARE made by the in-lap whose window holds it. Precision: the
 * BOX calls (BOX_NOW, BOX_OPPORTUNITY) followed by that car's stop within 3 laps. Window hits: the
 * PREPARE windows that hold a stop of the car. The naive baseline boxes every car once, at its
 * race's median in-lap (hindsight); chance boxes on laps drawn at random, as many as the job's own
 * BOX calls for that car.
 */
final class PitCallScore {

    /** A BOX call counts when the car stops on the call's lap or within this many laps after it. */
    static final int BOX_HORIZON_LAPS = 3;

    /** One decision of the {@code strategy_decisions} table. */
    record Decision(String raceCar, int lap, String call, Integer fromLap, Integer toLap) {
        boolean box() {
            return call.equals("BOX_NOW") || call.equals("BOX_OPPORTUNITY");
        }

        boolean prepare() {
            return call.equals("PREPARE");
        }
    }

    private PitCallScore() {}

    /**
     * Score lines for the run summary; {@code stops} holds every car of the file (in-laps by
     * "race/car"), {@code lastLap} a race's last lap.
     */
    static Map<String, String> score(
            Map<String, Set<Integer>> stops,
            List<Decision> decisions,
            ToIntFunction<String> lastLap) {
        Map<String, List<Decision>> byCar = new HashMap<>();
        decisions.forEach(d -> byCar.computeIfAbsent(d.raceCar(), k -> new ArrayList<>()).add(d));
        Map<String, List<Integer>> inLapsByRace = new HashMap<>();
        stops.forEach(
                (raceCar, laps) ->
                        laps.stream()
                                .filter(l -> l > 1)
                                .forEach(
                                        l ->
                                                inLapsByRace
                                                        .computeIfAbsent(
                                                                race(raceCar),
                                                                k -> new ArrayList<>())
                                                        .add(l)));
        int real = 0;
        int called = 0;
        int naiveCalled = 0;
        int boxes = 0;
        int boxesRight = 0;
        double chanceRight = 0;
        int naiveBoxes = 0;
        int naiveRight = 0;
        int prepares = 0;
        int windowHits = 0;
        int windowLaps = 0;
        int leads = 0;
        int leadSum = 0;
        for (var car : stops.entrySet()) {
            Set<Integer> inLaps = car.getValue();
            List<Integer> raceLaps = inLapsByRace.getOrDefault(race(car.getKey()), List.of());
            Integer median = raceLaps.isEmpty() ? null : median(raceLaps);
            List<Decision> carCalls = byCar.getOrDefault(car.getKey(), List.of());
            for (int inLap : inLaps) {
                if (inLap <= 1) {
                    continue;
                }
                real++;
                if (carCalls.stream().anyMatch(d -> calls(d, inLap))) {
                    called++;
                }
                if (median != null && median >= inLap - 2 && median <= inLap) {
                    naiveCalled++;
                }
            }
            double chance = chanceOfStopAfter(inLaps, lastLap.applyAsInt(race(car.getKey())));
            for (Decision d : carCalls) {
                if (d.box()) {
                    boxes++;
                    chanceRight += chance;
                    if (stoppedWithin(inLaps, d.lap())) {
                        boxesRight++;
                    }
                    Integer next = nextStop(inLaps, d.lap());
                    if (next != null) {
                        leads++;
                        leadSum += next - d.lap();
                    }
                } else if (d.prepare() && d.fromLap() != null && d.toLap() != null) {
                    prepares++;
                    windowLaps += d.toLap() - d.fromLap() + 1;
                    if (inLaps.stream().anyMatch(l -> l >= d.fromLap() && l <= d.toLap())) {
                        windowHits++;
                    }
                }
            }
            if (median != null) {
                naiveBoxes++;
                if (stoppedWithin(inLaps, median)) {
                    naiveRight++;
                }
            }
        }
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(
                "real stops called (recall)",
                String.format(
                        Locale.ROOT,
                        "%d of %d (%.1f %%); naive median-lap box %d (%.1f %%)",
                        called,
                        real,
                        percent(called, real),
                        naiveCalled,
                        percent(naiveCalled, real)));
        lines.put(
                "BOX calls then a stop (precision)",
                String.format(
                        Locale.ROOT,
                        "%d of %d (%.1f %%); naive %d of %d (%.1f %%); chance %.1f %%",
                        boxesRight,
                        boxes,
                        percent(boxesRight, boxes),
                        naiveRight,
                        naiveBoxes,
                        percent(naiveRight, naiveBoxes),
                        boxes == 0 ? 0 : 100 * chanceRight / boxes));
        lines.put(
                "PREPARE windows holding a stop",
                prepares == 0
                        ? "none"
                        : String.format(
                                Locale.ROOT,
                                "%d of %d (%.1f %%), %.1f laps wide on average",
                                windowHits,
                                prepares,
                                percent(windowHits, prepares),
                                (double) windowLaps / prepares));
        lines.put(
                "laps from BOX call to the stop",
                leads == 0
                        ? "none"
                        : String.format(
                                Locale.ROOT,
                                "%.1f on average (%d BOX calls followed by a stop)",
                                (double) leadSum / leads,
                                leads));
        lines.put(
                "calls per real stop",
                String.format(
                        Locale.ROOT,
                        "%.2f BOX, %.2f PREPARE",
                        real == 0 ? 0 : (double) boxes / real,
                        real == 0 ? 0 : (double) prepares / real));
        return lines;
    }

    /** Whether {@code d} calls the stop on {@code inLap}. */
    static boolean calls(Decision d, int inLap) {
        if (d.box()) {
            return d.lap() >= inLap - 2 && d.lap() <= inLap;
        }
        return d.prepare()
                && d.lap() <= inLap
                && d.fromLap() != null
                && d.toLap() != null
                && d.fromLap() <= inLap
                && inLap <= d.toLap();
    }

    static boolean stoppedWithin(Set<Integer> inLaps, int callLap) {
        return inLaps.stream()
                .anyMatch(l -> l > 1 && l >= callLap && l <= callLap + BOX_HORIZON_LAPS);
    }

    private static Integer nextStop(Set<Integer> inLaps, int callLap) {
        return inLaps.stream()
                .filter(l -> l > 1 && l >= callLap)
                .min(Integer::compare)
                .orElse(null);
    }

    /**
     * The share of the laps 2 to the race's last-but-one on which a BOX call would be followed by
     * one of the car's stops within {@link #BOX_HORIZON_LAPS}: the precision of calls at random.
     */
    static double chanceOfStopAfter(Set<Integer> inLaps, int lastLap) {
        int laps = 0;
        int right = 0;
        for (int lap = 2; lap < lastLap; lap++) {
            laps++;
            if (stoppedWithin(inLaps, lap)) {
                right++;
            }
        }
        return laps == 0 ? 0 : (double) right / laps;
    }

    static String race(String raceCar) {
        return raceCar.substring(0, raceCar.lastIndexOf('/'));
    }

    private static int median(List<Integer> laps) {
        List<Integer> sorted = laps.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
