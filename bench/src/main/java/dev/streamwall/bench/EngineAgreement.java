package dev.streamwall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwall.embedded.ConsumedRecord;
import dev.streamwall.wire.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code bench --vs-spark} says about the records the engines wrote: whether two engines wrote
 * the same laps, and how far provisional laps, calls and alerts agree with the final ones.
 */
final class EngineAgreement {

    private EngineAgreement() {}

    /** How many provisional laps are their final lap, field for field. */
    static String provisionalAsFinal(
            List<ConsumedRecord> finals, List<ConsumedRecord> provisional) {
        Set<String> exact = new HashSet<>();
        for (ConsumedRecord r : finals) {
            exact.add(r.value());
        }
        long same = provisional.stream().filter(r -> exact.contains(r.value())).count();
        return String.format(
                Locale.ROOT,
                "%,d of %,d provisional laps the same as their final lap, field for field",
                same,
                provisional.size());
    }

    /**
     * How many provisional calls are final calls (the same car, time, lap and call) and how many
     * final calls had a provisional one.
     */
    static String provisionalCallsAsFinal(
            List<ConsumedRecord> finals, List<ConsumedRecord> provisional) throws IOException {
        Set<String> made = callKeys(finals);
        Set<String> early = callKeys(provisional);
        long confirmed = early.stream().filter(made::contains).count();
        return String.format(
                Locale.ROOT,
                "%,d of %,d provisional calls made finally too; %,d of %,d final calls made"
                        + " provisionally",
                confirmed,
                early.size(),
                confirmed,
                made.size());
    }

    /** How many final alerts of the provisional rules had a provisional alert under their id. */
    static String provisionalAlertsAsFinal(
            List<ConsumedRecord> finals, List<ConsumedRecord> provisional) throws IOException {
        Set<String> made = new HashSet<>();
        for (ConsumedRecord r : finals) {
            JsonNode a = Json.MAPPER.readTree(r.value());
            if (VsSpark.PROVISIONAL_RULES.contains(a.path("type").asText())) {
                made.add(a.path("alert_id").asText());
            }
        }
        Set<String> early = new HashSet<>();
        for (ConsumedRecord r : provisional) {
            early.add(Json.MAPPER.readTree(r.value()).path("alert_id").asText());
        }
        return String.format(
                Locale.ROOT,
                "%,d of %,d final alerts of the provisional rules opened provisionally under their"
                        + " id; %,d provisional alert ids in all (a match within an open alert's"
                        + " merge gap extends it there)",
                made.stream().filter(early::contains).count(),
                made.size(),
                early.size());
    }

    private static Set<String> callKeys(List<ConsumedRecord> records) throws IOException {
        Set<String> keys = new HashSet<>();
        for (ConsumedRecord r : records) {
            JsonNode d = Json.MAPPER.readTree(r.value());
            keys.add(
                    d.path("race_id").asText()
                            + "/"
                            + d.path("car").asInt()
                            + "/"
                            + d.path("ts").asLong()
                            + "/"
                            + d.path("lap").asInt()
                            + "/"
                            + d.path("call").asText());
        }
        return keys;
    }

    /** Whether the engines wrote the same laps, and which differ. */
    static String sameLapsAcrossEngines(Map<String, List<String>> lapsByEngine) {
        List<String> names = new ArrayList<>(lapsByEngine.keySet());
        Set<String> first = new HashSet<>(lapsByEngine.get(names.get(0)));
        StringBuilder s = new StringBuilder("laps:");
        for (String name : names) {
            s.append(String.format(Locale.ROOT, " %s %,d", name, lapsByEngine.get(name).size()));
        }
        for (String name : names.subList(1, names.size())) {
            Set<String> other = new HashSet<>(lapsByEngine.get(name));
            if (other.equals(first) && other.size() == lapsByEngine.get(name).size()) {
                s.append("; the same, record for record");
            } else {
                Set<String> onlyFirst = new HashSet<>(first);
                onlyFirst.removeAll(other);
                Set<String> onlyOther = new HashSet<>(other);
                onlyOther.removeAll(first);
                s.append(
                        String.format(
                                Locale.ROOT,
                                "; %d only from %s (%s), %d only from %s",
                                onlyFirst.size(),
                                names.get(0),
                                onlyFirst.stream()
                                        .map(EngineAgreement::carLap)
                                        .sorted()
                                        .limit(5)
                                        .collect(Collectors.joining(", ")),
                                onlyOther.size(),
                                name));
            }
        }
        return s.toString();
    }

    private static String carLap(String lapJson) {
        try {
            var lap = Json.MAPPER.readTree(lapJson);
            return "car " + lap.get("car").asInt() + " lap " + lap.get("lap").asInt();
        } catch (IOException e) {
            return "?";
        }
    }

    /** An order-independent digest of records. */
    static String digest(List<String> records) {
        long sum = 0;
        for (String r : records) {
            long h = 1125899906842597L;
            for (int i = 0; i < r.length(); i++) {
                h = 31 * h + r.charAt(i);
            }
            sum += h * 0x9E3779B97F4A7C15L;
        }
        return Long.toHexString(sum);
    }
}
