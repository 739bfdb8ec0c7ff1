package dev.streamwall.cityflow.workflow;

import dev.streamwall.cityflow.functions.MinuteAggregate;
import dev.streamwall.cityflow.functions.ProvisionalMinutes;
import dev.streamwall.cityflow.functions.ReadingGate;
import dev.streamwall.cityflow.functions.RoadGraphState;
import dev.streamwall.cityflow.functions.incident.IncidentRules;
import dev.streamwall.cityflow.functions.incident.IncidentTracker;
import dev.streamwall.cityflow.functions.predict.CongestionModel;
import dev.streamwall.cityflow.functions.predict.RoadPredictor;
import dev.streamwall.cityflow.functions.route.CityView;
import dev.streamwall.cityflow.functions.route.Router;
import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.records.Reroute;
import dev.streamwall.cityflow.records.RoadMinute;
import dev.streamwall.cityflow.records.RoadStatus;
import dev.streamwall.cityflow.records.TrafficIncident;
import dev.streamwall.common.cep.OrderedCep;
import dev.streamwall.common.functions.EveryNth;
import dev.streamwall.common.kafka.DeadLetterSplitter;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.KafkaSources;
import dev.streamwall.common.records.DeadLetter;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.city.RoadRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The cityflow job graph, as a function of its decoded inputs: readings checked against the road
 * graph, averaged per road and minute, folded into each road's model for congestion now and at the
 * horizon; the city view then looks at all roads at once for reroutes and for the neighbours the
 * incident rules compare; CEP rules and a tracker turn road minutes into incidents. Sources and
 * sinks are attached by the caller, so tests can run the same graph on bounded input.
 */
public final class CityflowWorkflow {

    public static final OutputTag<RoadReading> LATE_READINGS = new OutputTag<>("late-readings") {};

    /** The streams the graph produces; each is sunk by {@link CityflowSinks} or collected. */
    public record Outputs(
            DataStream<RoadReading> readings,
            DataStream<RoadRecord> roads,
            DataStream<CongestionForecast> forecasts,
            DataStream<Reroute> reroutes,
            DataStream<RoadStatus> statuses,
            DataStream<TrafficIncident> incidents,
            DataStream<DeadLetter> deadLetters,
            DataStream<RoadReading> late,
            DataStream<CongestionForecast> provisionalForecasts) {}

    /**
     * A road minute's time in the stream: its last millisecond, as Flink's minute windows and the
     * city view's timers stamp it.
     */
    public static final SerializableFunction<RoadStatus, Long> MINUTE_TIME = s -> s.ts - 1;

    /** The name of the operator that decodes the road graph's records. */
    public static final String DECODE_ROADS_NAME = "Decode and dead-letter roads";

    /** How long readings may wait in a network buffer when provisional predictions are on. */
    static final long PROVISIONAL_BUFFER_TIMEOUT_MS = 5;

    private CityflowWorkflow() {}

    /**
     * With a road graph known in advance instead of a roads topic (in-process runs: the bench, the
     * evaluation): its records are the roads stream, each at its time, and the initial graph.
     */
    public static Outputs define(
            DataStream<Decoded<RoadReading>> decodedReadings,
            Map<String, RoadRecord> graph,
            CityflowSettings settings) {
        DataStream<Decoded<RoadRecord>> roads =
                decodedReadings
                        .getExecutionEnvironment()
                        .fromData(List.copyOf(graph.values()), TypeInformation.of(RoadRecord.class))
                        .uid("cityflow-fixed-graph")
                        .name("Road graph")
                        .map(
                                r -> Decoded.of(r, r.ts),
                                new TypeHint<Decoded<RoadRecord>>() {}.getTypeInfo())
                        .uid("cityflow-fixed-graph-decoded")
                        .name("Road graph as decoded")
                        .assignTimestampsAndWatermarks(KafkaSources.<RoadRecord>neverHoldsBack())
                        .uid("cityflow-fixed-graph-watermarks")
                        .name("Road graph watermarks");
        return define(decodedReadings, roads, new RoadGraphState(graph), settings);
    }

    /** Inputs with timestamps and watermarks already assigned (by the sources). */
    public static Outputs define(
            DataStream<Decoded<RoadReading>> decodedReadings,
            DataStream<Decoded<RoadRecord>> decodedRoads,
            RoadGraphState initialGraph,
            CityflowSettings settings) {
        SingleOutputStreamOperator<RoadRecord> roads =
                decodedRoads
                        .process(
                                new DeadLetterSplitter<RoadRecord>(),
                                TypeInformation.of(RoadRecord.class))
                        .uid(CityflowUids.DECODE_ROADS)
                        .name(DECODE_ROADS_NAME);
        BroadcastStream<RoadRecord> graph = roads.broadcast(RoadGraphState.DESCRIPTOR);

        SingleOutputStreamOperator<RoadReading> known =
                decodedReadings
                        .connect(graph)
                        .process(
                                new ReadingGate(CityflowUids.JOB, initialGraph),
                                TypeInformation.of(RoadReading.class))
                        .uid(CityflowUids.DECODE)
                        .name("Decode, check roads, dead-letter readings");
        DataStream<DeadLetter> deadLetters =
                known.getSideOutput(DeadLetterSplitter.DEAD_LETTERS)
                        .union(roads.getSideOutput(DeadLetterSplitter.DEAD_LETTERS));

        SingleOutputStreamOperator<RoadMinute> minutes =
                known.keyBy(r -> r.road)
                        .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                        .sideOutputLateData(LATE_READINGS)
                        .aggregate(
                                new MinuteAggregate(),
                                new MinuteAggregate.ToMinute(),
                                TypeInformation.of(MinuteAggregate.Acc.class),
                                TypeInformation.of(MinuteAggregate.Acc.class),
                                TypeInformation.of(RoadMinute.class))
                        .uid(CityflowUids.MINUTE_WINDOW)
                        .name("Road minutes");
        DataStream<RoadReading> late =
                minutes.getSideOutput(LATE_READINGS)
                        .map(new CountLate())
                        .uid(CityflowUids.LATE_COUNTER)
                        .name("Count late readings");

        CongestionModel model = new CongestionModel(settings.horizonMin(), settings.zone());
        SingleOutputStreamOperator<CongestionForecast> forecasts =
                minutes.keyBy(m -> m.road)
                        .connect(graph)
                        .process(
                                new RoadPredictor(model, initialGraph),
                                TypeInformation.of(CongestionForecast.class))
                        .uid(CityflowUids.PREDICTOR)
                        .name("Predict congestion per road");
        // Extra horizons: predictors of their own, for the predictions table and topic only.
        DataStream<CongestionForecast> allForecasts = forecasts;
        for (int h : settings.extraHorizonsMin()) {
            allForecasts =
                    allForecasts.union(
                            minutes.keyBy(m -> m.road)
                                    .connect(graph)
                                    .process(
                                            new RoadPredictor(
                                                    new CongestionModel(h, settings.zone()),
                                                    initialGraph),
                                            TypeInformation.of(CongestionForecast.class))
                                    .uid(CityflowUids.predictor(h))
                                    .name("Predict congestion per road at T+" + h));
        }

        SingleOutputStreamOperator<RoadStatus> statuses =
                forecasts
                        .keyBy(f -> CityView.CITY)
                        .connect(graph)
                        .process(
                                new CityView(
                                        new Router(2, settings.minEtaGainMin(), settings.co2()),
                                        settings.rerouteThreshold(),
                                        initialGraph),
                                TypeInformation.of(RoadStatus.class))
                        .uid(CityflowUids.CITY_VIEW)
                        .name("City view: neighbours and reroutes");
        DataStream<Reroute> reroutes = statuses.getSideOutput(CityView.REROUTES);

        DataStream<TrafficIncident> incidents = incidents(statuses, settings);

        DataStream<RoadReading> stored =
                settings.readingsDecimation() <= 1
                        ? known
                        : known.keyBy(r -> r.sensor)
                                .process(
                                        new EveryNth<String, RoadReading>(
                                                settings.readingsDecimation()),
                                        TypeInformation.of(RoadReading.class))
                                .uid(CityflowUids.DECIMATOR)
                                .name("Decimate readings 1:" + settings.readingsDecimation());
        DataStream<CongestionForecast> provisional = null;
        if (settings.provisionalPredictions()) {
            // For consumers who want forecasts at once: the two network hops before them flush
            // at least every 5 ms instead of when a buffer is full or after Flink's 100 ms.
            decodedReadings.getTransformation().setBufferTimeout(PROVISIONAL_BUFFER_TIMEOUT_MS);
            known.setBufferTimeout(PROVISIONAL_BUFFER_TIMEOUT_MS);
            provisional = provisionalForecasts(known, graph, model, initialGraph);
        }
        return new Outputs(
                stored,
                roads,
                allForecasts,
                reroutes,
                statuses,
                incidents,
                deadLetters,
                late,
                provisional);
    }

    /**
     * Forecasts made as soon as each road's minute is complete in arrival order ({@link
     * ProvisionalMinutes}), by a predictor with state of its own: for consumers who want them at
     * once rather than when the watermark passes the minute; the final forecasts stay the record.
     */
    static DataStream<CongestionForecast> provisionalForecasts(
            DataStream<RoadReading> known,
            BroadcastStream<RoadRecord> graph,
            CongestionModel model,
            RoadGraphState initialGraph) {
        return known.keyBy(r -> r.road)
                .process(new ProvisionalMinutes(), TypeInformation.of(RoadMinute.class))
                .uid(CityflowUids.PROVISIONAL_MINUTES)
                .name("Provisional road minutes")
                .setBufferTimeout(0)
                .keyBy(m -> m.road)
                .connect(graph)
                .process(
                        new RoadPredictor(model, initialGraph),
                        TypeInformation.of(CongestionForecast.class))
                .uid(CityflowUids.PROVISIONAL_PREDICTOR)
                .name("Provisional predictions per road");
    }

    static DataStream<TrafficIncident> incidents(
            DataStream<RoadStatus> statuses, CityflowSettings settings) {
        IncidentRules.Thresholds t = settings.incidents();
        KeyedStream<RoadStatus, String> byRoad = statuses.keyBy(s -> s.road);
        TypeInformation<TrafficIncident> incidentType = TypeInformation.of(TrafficIncident.class);
        // Each road's minutes come from the city view in order, each before the watermark that
        // passes it: both rules run CEP in processing time, applying each minute as it arrives,
        // with the same matches as in event time and without a queue and a timer per watermark
        // in keyed state; their matches are stamped back with the time of the minute that
        // completed them. The incident rule runs in its form without within, which would count
        // wall-clock time there.
        DataStream<TrafficIncident> onsets =
                OrderedCep.matches(
                        byRoad,
                        IncidentRules.onset(t),
                        IncidentRules.ToIncident.onset(),
                        MINUTE_TIME,
                        incidentType,
                        CityflowUids.CEP_ONSET,
                        "CEP congestion onset");
        DataStream<TrafficIncident> blocked =
                OrderedCep.matches(
                        byRoad,
                        IncidentRules.incidentWithoutWindow(t),
                        IncidentRules.ToIncident.incident(),
                        MINUTE_TIME,
                        incidentType,
                        CityflowUids.CEP_INCIDENT,
                        "CEP incident");
        return onsets.union(blocked)
                .keyBy(i -> i.road)
                .connect(byRoad)
                .process(
                        new IncidentTracker(t.onsetRatio(), settings.clearMinutes()),
                        TypeInformation.of(TrafficIncident.class))
                .uid(CityflowUids.INCIDENT_TRACKER)
                .name("Incident lifecycle");
    }

    /** Counts readings that came after their minute closed ({@code late_events}). */
    static final class CountLate extends RichMapFunction<RoadReading, RoadReading> {
        private static final long serialVersionUID = 1L;
        private transient Counter late;

        @Override
        public void open(OpenContext openContext) {
            late = getRuntimeContext().getMetricGroup().counter("late_events");
        }

        @Override
        public RoadReading map(RoadReading r) {
            late.inc();
            return r;
        }
    }
}
