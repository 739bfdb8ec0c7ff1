package dev.streamwall.cityflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.functions.RoadGraphState;
import dev.streamwall.cityflow.functions.RoadReadingDecoder;
import dev.streamwall.cityflow.functions.RoadRecordDecoder;
import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.records.Reroute;
import dev.streamwall.cityflow.records.TrafficIncident;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.DecodingDeserializer;
import dev.streamwall.common.records.DeadLetter;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.city.RoadRecord;
import dev.streamwall.wire.Json;
import dev.streamwall.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * The cityflow graph on a MiniCluster with bounded, in-memory input and no simulator: a five-road
 * town where the middle road of an avenue jams while the roads around it flow. Forecasts for every
 * road and minute, an incident on the jammed road and nowhere else, reroutes over the side street,
 * and the dead letters come out.
 */
class CityflowWorkflowITCase implements MiniClusterTest {

    private static final long T0 = Instant.parse("2026-03-03T07:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final int MINUTES = 60;
    private static final int JAM_FROM_MINUTE = 20;
    private static final double FREE_FLOW_KMH = 50;
    private static final double JAMMED_KMH = 8;

    /** The avenue A→B→C→D (R1, R2, R3) and a side street B→E→C (R4, R5) around its middle road. */
    private static final Map<String, RoadRecord> TOWN =
            Map.of(
                    "R1", road("R1", "A", "B", 500, 0, 0, 0, 0.005),
                    "R2", road("R2", "B", "C", 500, 0, 0.005, 0, 0.010),
                    "R3", road("R3", "C", "D", 500, 0, 0.010, 0, 0.015),
                    "R4", road("R4", "B", "E", 400, 0, 0.005, 0.003, 0.0075),
                    "R5", road("R5", "E", "C", 400, 0.003, 0.0075, 0, 0.010));

    private static RoadRecord road(
            String id,
            String from,
            String to,
            double lengthM,
            double fromLat,
            double fromLon,
            double toLat,
            double toLon) {
        RoadRecord r = new RoadRecord();
        r.road = id;
        r.from = from;
        r.to = to;
        r.lengthM = lengthM;
        r.lanes = 2;
        r.freeFlowKmh = FREE_FLOW_KMH;
        r.capacityVph = 1800;
        r.fromLat = fromLat;
        r.fromLon = fromLon;
        r.toLat = toLat;
        r.toLon = toLon;
        r.ts = T0;
        return r;
    }

    /** One sensor per road, a reading every 30 s; R2 jams from minute 20 on. */
    private static List<RoadReading> readings() {
        List<RoadReading> out = new ArrayList<>();
        for (long ts = T0; ts < T0 + MINUTES * MINUTE; ts += 30_000) {
            boolean jam = ts >= T0 + JAM_FROM_MINUTE * MINUTE;
            for (String road : List.of("R1", "R2", "R3", "R4", "R5")) {
                boolean jammed = jam && road.equals("R2");
                out.add(
                        new RoadReading(
                                ts,
                                road + "-a",
                                road,
                                jammed ? JAMMED_KMH : FREE_FLOW_KMH,
                                jammed ? 300.0 : 900.0,
                                jammed ? 0.6 : 0.1));
            }
        }
        return out;
    }

    private static DataStream<Decoded<RoadReading>> readingStream(StreamExecutionEnvironment env) {
        TypeInformation<Decoded<RoadReading>> type =
                new TypeHint<Decoded<RoadReading>>() {}.getTypeInfo();
        DecodingDeserializer<RoadReading> wire =
                new DecodingDeserializer<>(CityflowUids.JOB, new RoadReadingDecoder(), type);
        List<Decoded<RoadReading>> records = new ArrayList<>();
        long offset = 0;
        for (RoadReading r : readings()) {
            records.add(wire.decode(Topics.CITY_READINGS, 0, offset++, null, Json.toBytes(r)));
        }
        records.add(wire.decode(Topics.CITY_READINGS, 0, offset++, null, bytes("not json")));
        RoadReading unknownRoad =
                new RoadReading(T0 + 5 * MINUTE, "R99-a", "R99", 40.0, null, null);
        records.add(wire.decode(Topics.CITY_READINGS, 0, offset, null, Json.toBytes(unknownRoad)));
        return env.fromData(records, type).assignTimestampsAndWatermarks(watermarkPerEvent(2_000));
    }

    /** A watermark after every record, {@code lag} behind the newest: the same on every run. */
    private static <T> WatermarkStrategy<Decoded<T>> watermarkPerEvent(long lag) {
        return WatermarkStrategy.<Decoded<T>>forGenerator(
                        ctx ->
                                new WatermarkGenerator<>() {
                                    private long newest = Long.MIN_VALUE + lag;

                                    @Override
                                    public void onEvent(
                                            Decoded<T> d, long ts, WatermarkOutput output) {
                                        newest = Math.max(newest, ts);
                                        output.emitWatermark(new Watermark(newest - lag));
                                    }

                                    @Override
                                    public void onPeriodicEmit(WatermarkOutput output) {}
                                })
                .withTimestampAssigner((d, kafkaTs) -> d.eventTime);
    }

    private static DataStream<Decoded<RoadRecord>> roadStream(StreamExecutionEnvironment env) {
        TypeInformation<Decoded<RoadRecord>> type =
                new TypeHint<Decoded<RoadRecord>>() {}.getTypeInfo();
        DecodingDeserializer<RoadRecord> wire =
                new DecodingDeserializer<>(CityflowUids.JOB, new RoadRecordDecoder(), type);
        List<Decoded<RoadRecord>> records = new ArrayList<>();
        long offset = 0;
        for (RoadRecord r : TOWN.values()) {
            records.add(wire.decode(Topics.CITY_ROADS, 0, offset++, null, Json.toBytes(r)));
        }
        // The graph never holds the readings' watermark back: its own is the end of time.
        return env.fromData(records, type)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Decoded<RoadRecord>>forGenerator(
                                        ctx ->
                                                new WatermarkGenerator<>() {
                                                    @Override
                                                    public void onEvent(
                                                            Decoded<RoadRecord> d,
                                                            long ts,
                                                            WatermarkOutput output) {
                                                        output.emitWatermark(
                                                                Watermark.MAX_WATERMARK);
                                                    }

                                                    @Override
                                                    public void onPeriodicEmit(
                                                            WatermarkOutput output) {
                                                        output.emitWatermark(
                                                                Watermark.MAX_WATERMARK);
                                                    }
                                                })
                                .withTimestampAssigner((d, kafkaTs) -> T0));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aJamOnTheAvenueGivesForecastsAnIncidentAndReroutes() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CityflowWorkflow.Outputs out =
                CityflowWorkflow.define(
                        readingStream(env),
                        roadStream(env),
                        new RoadGraphState(TOWN),
                        CityflowSettings.defaults());
        DataStream<Object> all =
                out.forecasts()
                        .map(f -> (Object) f, TypeInformation.of(Object.class))
                        .union(
                                out.incidents()
                                        .map(i -> (Object) i, TypeInformation.of(Object.class)),
                                out.reroutes()
                                        .map(r -> (Object) r, TypeInformation.of(Object.class)),
                                out.deadLetters()
                                        .map(d -> (Object) d, TypeInformation.of(Object.class)));
        List<Object> results = new ArrayList<>();
        try (CloseableIterator<Object> it = all.executeAndCollect()) {
            it.forEachRemaining(results::add);
        }

        List<CongestionForecast> forecasts = only(results, CongestionForecast.class);
        // A forecast per road and closed minute (the last minutes close at the end of input).
        assertThat(forecasts.stream().map(f -> f.road).distinct())
                .containsExactlyInAnyOrder("R1", "R2", "R3", "R4", "R5");
        assertThat(forecasts).hasSizeGreaterThanOrEqualTo(5 * (MINUTES - 1));
        CongestionForecast before = at(forecasts, "R2", JAM_FROM_MINUTE - 2);
        CongestionForecast during = at(forecasts, "R2", JAM_FROM_MINUTE + 10);
        assertThat(before.score).isLessThan(0.2);
        assertThat(during.score).isGreaterThan(0.7);
        assertThat(at(forecasts, "R3", JAM_FROM_MINUTE + 10).score).isLessThan(0.2);

        List<TrafficIncident> incidents = only(results, TrafficIncident.class);
        assertThat(incidents)
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.road).isEqualTo("R2"))
                .anySatisfy(i -> assertThat(i.kind).isEqualTo(TrafficIncident.INCIDENT));
        assertThat(incidents)
                .filteredOn(i -> i.kind.equals(TrafficIncident.INCIDENT))
                .allSatisfy(
                        i ->
                                assertThat(i.startTs)
                                        .isBetween(
                                                T0 + JAM_FROM_MINUTE * MINUTE,
                                                T0 + (JAM_FROM_MINUTE + 6) * MINUTE));

        List<Reroute> reroutes = only(results, Reroute.class);
        assertThat(reroutes)
                .isNotEmpty()
                .allSatisfy(
                        r -> {
                            assertThat(r.road).isEqualTo("R2");
                            assertThat(r.altRouteId).contains("R4").contains("R5");
                            assertThat(r.etaGainMin).isGreaterThan(0.5);
                        });

        assertThat(only(results, DeadLetter.class))
                .extracting(d -> d.reason)
                .containsExactlyInAnyOrder("NOT_JSON", "UNKNOWN_ROAD");
        // Late readings depend on when the graph's source first says "end of time" relative to the
        // readings, which a bounded in-memory run cannot pin down: CityflowJobITCase checks them.
    }

    /** Forecasts of the five-road town with {@code settings}, in a deterministic order. */
    private static List<CongestionForecast> forecasts(CityflowSettings settings) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CityflowWorkflow.Outputs out =
                CityflowWorkflow.define(
                        readingStream(env), roadStream(env), new RoadGraphState(TOWN), settings);
        List<CongestionForecast> forecasts = new ArrayList<>();
        try (CloseableIterator<CongestionForecast> it = out.forecasts().executeAndCollect()) {
            it.forEachRemaining(forecasts::add);
        }
        forecasts.sort(
                java.util.Comparator.comparingInt((CongestionForecast f) -> f.horizonMin)
                        .thenComparing(f -> f.road)
                        .thenComparingLong(f -> f.ts));
        return forecasts;
    }

    @Test
    void extraHorizonsAddTheirOwnForecastsAndLeaveTheMainOnesAsTheyWere() throws Exception {
        List<CongestionForecast> main = forecasts(CityflowSettings.defaults());
        List<CongestionForecast> all =
                forecasts(
                        CityflowSettings.defaults()
                                .withExtraHorizons(
                                        List.of(
                                                java.time.Duration.ofMinutes(15),
                                                java.time.Duration.ofMinutes(60))));

        assertThat(all.stream().map(f -> f.horizonMin).distinct()).containsExactly(15, 30, 60);
        // The job's own horizon is untouched by the others.
        assertThat(all.stream().filter(f -> f.horizonMin == 30).map(Json::toString).toList())
                .isEqualTo(main.stream().map(Json::toString).toList());
        for (int h : new int[] {15, 60}) {
            List<CongestionForecast> extra = all.stream().filter(f -> f.horizonMin == h).toList();
            assertThat(extra).as("forecasts at T+%d", h).hasSameSizeAs(main);
            // Ten minutes into the jam every horizon sees the avenue's middle road congested.
            assertThat(at(extra, "R2", JAM_FROM_MINUTE + 10).score).isGreaterThan(0.7);
            assertThat(at(extra, "R3", JAM_FROM_MINUTE + 10).score).isLessThan(0.2);
        }
    }

    @Test
    void provisionalForecastsAreTheFinalOnesWhenReadingsArriveInOrder() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CityflowWorkflow.Outputs off =
                CityflowWorkflow.define(
                        readingStream(env),
                        roadStream(env),
                        new RoadGraphState(TOWN),
                        CityflowSettings.defaults());
        assertThat(off.provisionalForecasts()).as("off by default").isNull();

        // One channel from the source to each road's provisional minutes, as a Kafka partition
        // is: here two would hand the readings on round-robin and reorder them.
        env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        CityflowWorkflow.Outputs out =
                CityflowWorkflow.define(
                        readingStream(env),
                        roadStream(env),
                        new RoadGraphState(TOWN),
                        CityflowSettings.defaults().withProvisionalPredictions(true));
        DataStream<Object> both =
                out.forecasts()
                        .map(f -> (Object) f, TypeInformation.of(Object.class))
                        .union(
                                out.provisionalForecasts()
                                        .map(
                                                f -> (Object) List.of(f),
                                                TypeInformation.of(Object.class)));
        List<String> finals = new ArrayList<>();
        List<String> provisional = new ArrayList<>();
        try (CloseableIterator<Object> it = both.executeAndCollect()) {
            it.forEachRemaining(
                    o -> {
                        if (o instanceof List<?> wrapped) {
                            provisional.add(Json.toString(wrapped.get(0)));
                        } else {
                            finals.add(Json.toString(o));
                        }
                    });
        }

        // Each road's last minute is never followed by a reading of a later one: it has only a
        // final forecast. Every other minute has the same forecast both ways, field for field.
        List<String> lastMinutes =
                finals.stream()
                        .filter(f -> f.contains("\"ts\":" + (T0 + MINUTES * MINUTE) + ","))
                        .toList();
        assertThat(lastMinutes).hasSize(5);
        List<String> expected = new ArrayList<>(finals);
        expected.removeAll(lastMinutes);
        assertThat(provisional).hasSize(5 * (MINUTES - 1));
        assertThat(provisional).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static <T> List<T> only(List<Object> results, Class<T> type) {
        return results.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The forecast made at the end of minute {@code m} for {@code road}. */
    private static CongestionForecast at(List<CongestionForecast> forecasts, String road, int m) {
        long ts = T0 + (m + 1) * MINUTE;
        return forecasts.stream()
                .filter(f -> f.road.equals(road) && f.ts == ts)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no forecast for " + road + " at " + ts));
    }
}
