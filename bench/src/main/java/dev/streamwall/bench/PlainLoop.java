package dev.streamwall.bench;

import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulator;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.functions.LapTracker;
import dev.streamwall.pitwall.functions.TelemetryDecoder;
import dev.streamwall.pitwall.functions.strategy.StintState;
import dev.streamwall.pitwall.functions.strategy.StrategyFunction;
import dev.streamwall.pitwall.functions.strategy.StrategyParameters;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.records.StrategyDecision;
import dev.streamwall.pitwall.records.StrategyInput;
import dev.streamwall.pitwall.workflow.PitwallSettings;
import dev.streamwall.wire.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * (g) The ceiling of pitwall's per-event work: the same lap analytics ({@link LapTracker}) and
 * strategy calls ({@link StrategyFunction}'s steps) over the race in a plain loop on one thread,
 * without Flink (no ordering, no state backend, no network, no CEP alerts), from the simulator's
 * records or through their JSON and the job's decoder. Its laps and calls are tallied as the graph
 * runs tally theirs, so the report can say whether they are the same.
 */
final class PlainLoop {

    private PlainLoop() {}

    static Measurement pitwall(RaceConfig race, boolean json) throws Exception {
        Set<Integer> cars = race.grid().carNumbers();
        TelemetryDecoder decoder = new TelemetryDecoder(cars);
        StrategyParameters params = PitwallSettings.defaults(cars).strategy();
        Map<Integer, LapTracker> lapsByCar = new HashMap<>();
        Map<Integer, StintState> stints = new HashMap<>();
        long[] tally = new long[6]; // laps, digest; decisions, digest; outlooks, digest
        LapTracker.Sink sink =
                new LapTracker.Sink() {
                    @Override
                    public void lap(LapSummary lap) {
                        tally[0]++;
                        tally[1] += Tally.fnv1a64(Tally.JSON.apply(lap));
                    }

                    @Override
                    public void strategy(StrategyInput in) {
                        StrategyFunction.Step step;
                        if (in.lap != null) {
                            StintState s = StrategyFunction.stintFor(stints.get(in.car()), in.lap);
                            if (s == null) {
                                return;
                            }
                            stints.put(in.car(), s);
                            step = StrategyFunction.afterLap(s, in.lap, params);
                        } else {
                            step =
                                    StrategyFunction.afterStatusChange(
                                            stints.get(in.car()), in.change, params);
                        }
                        if (step != null) {
                            tally[4]++;
                            tally[5] += Tally.fnv1a64(Tally.JSON.apply(step.outlook()));
                            for (StrategyDecision d : step.decisions()) {
                                tally[2]++;
                                tally[3] += Tally.fnv1a64(Tally.JSON.apply(d));
                            }
                        }
                    }
                };
        RaceSimulator sim = new RaceSimulator(race);
        long events = 0;
        ProcessClock clock = new ProcessClock();
        while (sim.hasNext()) {
            Telemetry t = sim.next();
            events++;
            if (json) {
                t = decoder.decode(Json.toBytes(t));
            }
            lapsByCar.computeIfAbsent(t.car, c -> new LapTracker(null, null)).accept(t, sink);
        }
        double wall = clock.wallSeconds();
        double cpu = clock.cpuSeconds();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("laps", tally[0]);
        counts.put("outlook", tally[4]);
        counts.put("decisions", tally[2]);
        Map<String, String> digests = new LinkedHashMap<>();
        digests.put("laps", String.format(Locale.ROOT, "%016x", tally[1]));
        digests.put("outlook", String.format(Locale.ROOT, "%016x", tally[5]));
        digests.put("decisions", String.format(Locale.ROOT, "%016x", tally[3]));
        return new Measurement(
                "pitwall",
                "plain",
                json ? "json" : "objects",
                events,
                wall,
                cpu,
                0,
                counts,
                digests,
                Map.of());
    }
}
