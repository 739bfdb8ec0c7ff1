package dev.streamwall.generators.f1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test fixtures: small races and ways to slice their samples. */
final class Races {

    /** Four cars, five laps, 10 Hz, green throughout, no faults. */
    static RaceConfig shortGreenRace() {
        return RaceConfig.builder()
                .seed(7)
                .cars(4)
                .laps(5)
                .sampleHz(10)
                .noFaults()
                .noNeutralisations()
                .build();
    }

    static List<Telemetry> run(RaceConfig config) {
        List<Telemetry> out = new ArrayList<>();
        RaceSimulator sim = new RaceSimulator(config);
        while (sim.hasNext()) {
            out.add(sim.next());
        }
        return out;
    }

    static Map<Integer, List<Telemetry>> byCar(List<Telemetry> samples) {
        Map<Integer, List<Telemetry>> out = new TreeMap<>();
        for (Telemetry t : samples) {
            out.computeIfAbsent(t.car, k -> new ArrayList<>()).add(t);
        }
        return out;
    }

    /** Lap times of one car in seconds, by lap number, from the first sample of each lap. */
    static Map<Integer, Double> lapTimes(List<Telemetry> carSamples) {
        Map<Integer, Double> out = new TreeMap<>();
        Telemetry lapStart = null;
        for (Telemetry t : carSamples) {
            if (lapStart == null) {
                lapStart = t;
            } else if (t.lap != lapStart.lap) {
                out.put(lapStart.lap, (t.ts - lapStart.ts) / 1000.0);
                lapStart = t;
            }
        }
        return out;
    }

    /** Laps of one car during which it was in the pit lane at any sample. */
    static List<Integer> pitLaps(List<Telemetry> carSamples) {
        List<Integer> out = new ArrayList<>();
        for (Telemetry t : carSamples) {
            if (t.inPit && !out.contains(t.lap)) {
                out.add(t.lap);
            }
        }
        return out;
    }

    /** Laps of one car during which the track was not green. */
    static List<Integer> neutralisedLaps(List<Telemetry> carSamples) {
        List<Integer> out = new ArrayList<>();
        for (Telemetry t : carSamples) {
            if (!t.trackStatus.equals("GREEN")
                    && !t.trackStatus.equals("CHEQUERED")
                    && !out.contains(t.lap)) {
                out.add(t.lap);
            }
        }
        return out;
    }

    static double channel(Telemetry t, String name) {
        return switch (name) {
            case "speed" -> t.speed;
            case "throttle" -> t.throttle;
            case "tyre_temp_fl" -> t.tyreTempFl;
            case "tyre_temp_fr" -> t.tyreTempFr;
            case "tyre_temp_rl" -> t.tyreTempRl;
            case "tyre_temp_rr" -> t.tyreTempRr;
            case "tyre_pressure_fl" -> t.tyrePressureFl;
            case "tyre_pressure_fr" -> t.tyrePressureFr;
            case "tyre_pressure_rl" -> t.tyrePressureRl;
            case "tyre_pressure_rr" -> t.tyrePressureRr;
            case "brake_temp_fl" -> t.brakeTempFl;
            case "brake_temp_fr" -> t.brakeTempFr;
            case "brake_temp_rl" -> t.brakeTempRl;
            case "brake_temp_rr" -> t.brakeTempRr;
            case "engine_temp" -> t.engineTemp;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The analog channels that must never repeat exactly between consecutive samples. */
    static final List<String> ANALOG =
            java.util.stream.Stream.concat(
                            java.util.stream.Stream.of("throttle"),
                            Telemetry.SENSOR_CHANNELS.stream())
                    .toList();

    private Races() {}
}
