package dev.streamwall.scenarios.cityflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.functions.ReadingGate;
import dev.streamwall.cityflow.functions.RoadReadingDecoder;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.EmbeddedInfraExtension;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.embedded.PrometheusScrape;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.city.CityCsvMapper;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.replay.CsvReplay;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WireFault;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.scenarios.DeadLetterScenario;
import dev.streamwall.wire.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real cityflow job on a MiniCluster (parallelism 2) against the real Kafka broker and
 * PostgreSQL, fed by the city generator or a replayed CSV.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class CityflowJobITCase implements MiniClusterTest {

    /** 07:20 on a weekday: the morning rush is building. */
    private static final Instant START = Instant.parse("2026-03-03T07:20:00Z");

    /** R20 is a 3-lane avenue (J12 to J11); two lanes close 25 minutes in, at 07:45, for 35. */
    private static final String BLOCKED = "R20";

    private static CityConfig blockedAvenue() {
        return CityConfig.defaults()
                .withStart(START)
                .withDuration(Duration.ofMinutes(75))
                .withIncidents(BLOCKED + "@25m+35m/2", 0);
    }

    @Test
    void aBlockedAvenueRaisesAnIncidentARisingPredictionAndReroutesThatSaveTimeAndCo2(
            EmbeddedInfra infra) throws Exception {
        CityflowStack stack =
                new CityflowStack(infra).publish(blockedAvenue(), TransportFaults.NONE);

        stack.runToEnd("first");

        long closure = START.plus(Duration.ofMinutes(25)).toEpochMilli();
        List<Map<String, Object>> incidents =
                stack.query(
                        "SELECT road_id, status, ts, start_ts, end_ts, severity, detail FROM incidents"
                                + " WHERE kind = 'INCIDENT'");
        assertThat(incidents).as("one incident, on the blocked avenue").hasSize(1);
        Map<String, Object> incident = incidents.get(0);
        assertThat(incident.get("road_id")).isEqualTo(BLOCKED);
        assertThat(epochMillis(incident.get("ts")))
                .as("raised within 6 minutes of the closure")
                .isBetween(closure, closure + 6 * 60_000L);
        assertThat(incident.get("status"))
                .as("the lanes reopened 35 minutes later")
                .isEqualTo("CLEARED");
        assertThat(epochMillis(incident.get("end_ts")))
                .isBetween(closure + 35 * 60_000L, closure + 50 * 60_000L);
        assertThat(incident.get("severity")).isEqualTo("HIGH");

        double before =
                number(
                        stack.query(
                                        "SELECT congestion_score FROM predictions WHERE road_id = ? AND ts = ?",
                                        BLOCKED,
                                        java.sql.Timestamp.from(Instant.ofEpochMilli(closure)))
                                .get(0)
                                .get("congestion_score"));
        double peak =
                number(
                        stack.query(
                                        "SELECT max(congestion_score) AS s FROM predictions"
                                                + " WHERE road_id = ? AND ts > ? AND ts <= ?",
                                        BLOCKED,
                                        java.sql.Timestamp.from(Instant.ofEpochMilli(closure)),
                                        java.sql.Timestamp.from(
                                                Instant.ofEpochMilli(closure + 10 * 60_000L)))
                                .get(0)
                                .get("s"));
        assertThat(before).as("before the closure").isLessThan(0.4);
        assertThat(peak).as("T+30 prediction within 10 minutes of the closure").isGreaterThan(0.8);

        List<Map<String, Object>> reroutes =
                stack.query(
                        "SELECT route_id, alt_route_id, eta_gain_min, estimated_co2_gain, rank, reason"
                                + " FROM reroutes WHERE road_id = ? ORDER BY ts, rank",
                        BLOCKED);
        assertThat(reroutes).as("reroutes around the blocked avenue").isNotEmpty();
        assertThat(reroutes)
                .allSatisfy(
                        r -> {
                            assertThat(r.get("route_id").toString()).contains(BLOCKED);
                            assertThat(r.get("alt_route_id").toString().split(">"))
                                    .doesNotContain(BLOCKED);
                            assertThat(number(r.get("eta_gain_min"))).isGreaterThanOrEqualTo(0.5);
                            assertThat((Integer) r.get("rank")).isBetween(1, 2);
                        });
        assertThat(reroutes)
                .as("a detour that saves CO2 while the avenue crawls")
                .anySatisfy(r -> assertThat(number(r.get("estimated_co2_gain"))).isPositive());
        assertThat(
                        stack.count(
                                "SELECT count(DISTINCT road_id) FROM reroutes WHERE road_id <> ?",
                                BLOCKED))
                .as("no reroutes around roads that only have the rush")
                .isLessThanOrEqualTo(3);

        assertThat(stack.count("SELECT count(*) FROM traffic_raw"))
                .isEqualTo(stack.publisher.eventsSent());
        assertThat(stack.count("SELECT count(*) FROM roads")).isEqualTo(52);
        assertThat(stack.count("SELECT count(DISTINCT road_id) FROM predictions")).isEqualTo(52);
        assertThat(stack.count("SELECT count(*) FROM dead_letters")).isZero();

        Map<String, String> first = stack.fingerprints(CityflowStack.TABLES);
        stack.runToEnd("second");
        assertThat(stack.fingerprints(CityflowStack.TABLES))
                .as("a replay rewrites the same rows")
                .isEqualTo(first);
    }

    @Test
    void provisionalPredictionsGoOutForEveryRoadMinuteButItsLast(EmbeddedInfra infra)
            throws Exception {
        CityConfig city =
                CityConfig.defaults().withStart(START).withDuration(Duration.ofMinutes(20));
        CityflowStack stack = new CityflowStack(infra);
        String provisional =
                stack.topic("--provisional-predictions-topic", "provisional-predictions", 2);
        stack.publish(city, TransportFaults.NONE);

        stack.runToEnd("provisional");

        java.util.Set<String> finals = new java.util.HashSet<>();
        for (Map<String, Object> row : stack.query("SELECT road_id, ts FROM predictions")) {
            finals.add(row.get("road_id") + "@" + epochMillis(row.get("ts")));
        }
        List<dev.streamwall.embedded.ConsumedRecord> records = stack.consumeAll(provisional);
        // Each road's minutes go out provisionally once the road's next minute starts: all but
        // its last. The topic is keyed by sensor, so a road's two sensors are read from two
        // partitions and their readings interleave as the reader fetches them: the values can
        // differ from the final ones, never which minutes are forecast.
        assertThat(records).hasSize(finals.size() - 52);
        for (dev.streamwall.embedded.ConsumedRecord r : records) {
            com.fasterxml.jackson.databind.JsonNode f = Json.MAPPER.readTree(r.value());
            assertThat(r.key()).isEqualTo(f.path("road").asText());
            assertThat(finals).contains(f.path("road").asText() + "@" + f.path("ts").asLong());
        }
    }

    @Test
    void badRecordsAndUnknownRoadsAreDeadLetteredAndCountedAndLateOnesGoToTheLateTopic(
            EmbeddedInfra infra) throws Exception {
        CityConfig city =
                CityConfig.defaults().withStart(START).withDuration(Duration.ofMinutes(20));
        CityflowStack stack = new CityflowStack(infra).publish(city, DeadLetterScenario.FAULTS);

        // A reading from the city's first minute, sent again: its minute is long closed.
        DeadLetterScenario dlq =
                new DeadLetterScenario(
                                stack,
                                stack.readings,
                                stack.publisher,
                                DeadLetterScenario.decodes(new RoadReadingDecoder())
                                        .and(v -> knownRoad(city, v)))
                        .run(
                                () -> stack.count("SELECT count(*) FROM predictions") > 52 * 5,
                                m ->
                                        PrometheusScrape.total(
                                                        m,
                                                        "flink_taskmanager_job_task_operator_predictions")
                                                > 52 * 5);
        assertThat(stack.publisher.sentByFault().getOrDefault(WireFault.UNKNOWN_SOURCE, 0L))
                .as("unknown roads")
                .isPositive();
        dlq.assertDeadLettered(CityflowJobITCase::reason);
        assertThat(stack.consume(stack.predictions, 52 * 5, Duration.ofSeconds(30)))
                .hasSizeGreaterThanOrEqualTo(52 * 5);
        dlq.assertLate(RoadReading.class, RoadReading::toString);
    }

    private static boolean knownRoad(CityConfig city, String json) {
        try {
            String road = Json.MAPPER.readTree(json).path("road").asText();
            return city.network().roads().stream().anyMatch(r -> r.id().equals(road));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String reason(WireFault f) {
        return f == WireFault.UNKNOWN_SOURCE ? ReadingGate.UNKNOWN_ROAD : f.name();
    }

    @Test
    void aReplayedSpeedOnlyCsvWithoutARoadGraphYieldsPredictions(
            EmbeddedInfra infra, @TempDir Path dir) throws Exception {
        // Two loops on a ring road, speed only, every 20 s for 50 minutes: free flow at 90 km/h,
        // then from minute 30 a jam down to 25 km/h.
        Path csv = dir.resolve("ring.csv");
        StringBuilder text = new StringBuilder("ts,sensor,road,speed\n");
        for (int s = 0; s < 50 * 60; s += 20) {
            double v =
                    s < 1800
                            ? 88 + 2 * Math.sin(s / 300.0)
                            : 25 + 60 * Math.exp(-(s - 1800) / 200.0);
            for (String loop : List.of("A", "B")) {
                text.append(START.plusSeconds(s))
                        .append(",RING-N-")
                        .append(loop)
                        .append(",RING-N,")
                        .append(String.format(Locale.ROOT, "%.1f", v))
                        .append('\n');
            }
        }
        Files.writeString(csv, text, StandardCharsets.UTF_8);

        CityflowStack stack = new CityflowStack(infra);
        CsvReplay.Result replay =
                new CsvReplay(
                                csv,
                                new CityCsvMapper(),
                                WirePublisher.Options.of(
                                        infra.bootstrapServers(), stack.readings, 0))
                        .run();
        assertThat(replay.sent()).isEqualTo(300);

        stack.runToEnd("replay");

        assertThat(stack.count("SELECT count(*) FROM traffic_raw WHERE flow_rate IS NULL"))
                .isEqualTo(300);
        List<Map<String, Object>> predictions =
                stack.query(
                        "SELECT ts, congestion_now, congestion_score, free_flow_kmh, baseline_score"
                                + " FROM predictions WHERE road_id = 'RING-N' ORDER BY ts");
        assertThat(predictions).hasSizeGreaterThanOrEqualTo(48);
        Map<String, Object> calm = predictions.get(20);
        Map<String, Object> jammed = predictions.get(predictions.size() - 1);
        assertThat(number(calm.get("congestion_now"))).isLessThan(0.1);
        assertThat(number(jammed.get("free_flow_kmh")))
                .as("learnt from the fastest speed seen")
                .isBetween(85.0, 91.0);
        assertThat(number(jammed.get("congestion_now"))).isGreaterThan(0.6);
        assertThat(number(jammed.get("baseline_score")))
                .as("the seed formula on speed alone")
                .isPositive();
        assertThat(stack.count("SELECT count(*) FROM dead_letters")).isZero();
        assertThat(stack.count("SELECT count(*) FROM reroutes")).as("no graph, no routes").isZero();
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    private static long epochMillis(Object timestamp) {
        if (timestamp instanceof java.sql.Timestamp t) {
            return t.getTime();
        }
        return ((java.time.OffsetDateTime) timestamp).toInstant().toEpochMilli();
    }
}
