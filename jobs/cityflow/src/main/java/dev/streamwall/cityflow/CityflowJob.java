package dev.streamwall.cityflow;

import dev.streamwall.cityflow.functions.RoadGraphLoader;
import dev.streamwall.cityflow.functions.RoadGraphState;
import dev.streamwall.cityflow.functions.RoadReadingDecoder;
import dev.streamwall.cityflow.functions.RoadRecordDecoder;
import dev.streamwall.cityflow.functions.incident.IncidentRules;
import dev.streamwall.cityflow.functions.route.EmissionFactor;
import dev.streamwall.cityflow.workflow.CityflowSettings;
import dev.streamwall.cityflow.workflow.CityflowTables;
import dev.streamwall.cityflow.workflow.CityflowUids;
import dev.streamwall.cityflow.workflow.CityflowWorkflow;
import dev.streamwall.common.job.JobMain;
import dev.streamwall.common.job.StreamwallJob;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.KafkaInput;
import dev.streamwall.common.kafka.KafkaSources;
import dev.streamwall.common.options.StartFrom;
import dev.streamwall.common.sink.Output;
import dev.streamwall.common.sink.Outputs;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.city.RoadRecord;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The cityflow job: road readings and the road graph (read from the start of its topic) from Kafka,
 * the {@link CityflowWorkflow}, and its outputs to PostgreSQL and Kafka.
 */
public final class CityflowJob implements StreamwallJob<CityflowOptions> {

    public static void main(String[] args) throws Exception {
        JobMain.run(new CityflowJob(), args);
    }

    @Override
    public String name() {
        return CityflowUids.JOB;
    }

    @Override
    public CityflowOptions newOptions() {
        return new CityflowOptions();
    }

    @Override
    public void check(CityflowOptions options) {
        settings(options);
    }

    /** The graph's settings from the options; throws naming the option that is wrong. */
    public static CityflowSettings settings(CityflowOptions o) {
        EmissionFactor co2;
        try {
            co2 = EmissionFactor.parse(o.co2Curve);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--co2-curve: " + e.getMessage(), e);
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(o.timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "--time-zone: '"
                            + o.timeZone
                            + "' is not a time zone such as Europe/Paris or UTC",
                    e);
        }
        return new CityflowSettings(
                o.horizon,
                zone,
                o.rerouteThreshold,
                o.minEtaGain,
                co2,
                new IncidentRules.Thresholds(o.onsetRatio, o.onsetMinutes, o.incidentRatio),
                3,
                o.readingsDecimation,
                o.extraHorizons == null ? List.of() : o.extraHorizons,
                o.provisionalPredictionsTopic != null);
    }

    @Override
    public void define(StreamExecutionEnvironment env, CityflowOptions o) {
        DataStream<Decoded<RoadReading>> readings =
                KafkaInput.of(
                                new RoadReadingDecoder(),
                                new TypeHint<Decoded<RoadReading>>() {}.getTypeInfo())
                        .topic(o.readingsTopic)
                        .uid(CityflowUids.READINGS_SOURCE)
                        .name("Kafka readings")
                        .read(env, o.kafka, name());
        // The graph is reference data: always read from the start of its (compacted) topic.
        DataStream<Decoded<RoadRecord>> roads =
                KafkaInput.of(
                                new RoadRecordDecoder(),
                                new TypeHint<Decoded<RoadRecord>>() {}.getTypeInfo())
                        .topic(o.roadsTopic)
                        .groupSuffix("-roads")
                        .startFrom(StartFrom.EARLIEST)
                        .watermarks(KafkaSources.neverHoldsBack())
                        .unguarded()
                        .uid(CityflowUids.ROADS_SOURCE)
                        .name("Kafka roads")
                        .read(env, o.kafka, name());
        CityflowWorkflow.Outputs out =
                CityflowWorkflow.define(readings, roads, initialGraph(o), settings(o));
        Outputs.attach(
                name(),
                o.targets(),
                List.of(
                        Output.table(
                                out.readings(),
                                CityflowUids.SINK_RAW_JDBC,
                                CityflowTables.TRAFFIC_RAW),
                        Output.table(
                                out.roads(), CityflowUids.SINK_ROADS_JDBC, CityflowTables.ROADS),
                        Output.table(
                                out.forecasts(),
                                CityflowUids.SINK_PREDICTIONS_JDBC,
                                CityflowTables.PREDICTIONS),
                        Output.table(
                                out.reroutes(),
                                CityflowUids.SINK_REROUTES_JDBC,
                                CityflowTables.REROUTES),
                        Output.table(
                                out.incidents(),
                                CityflowUids.SINK_INCIDENTS_JDBC,
                                CityflowTables.INCIDENTS),
                        Output.deadLetters(out.deadLetters(), o.deadLetterTopic),
                        Output.late(out.late(), o.lateTopic, r -> r.sensor, "readings"),
                        Output.topic(
                                out.forecasts(),
                                CityflowUids.SINK_PREDICTIONS_KAFKA,
                                "predictions",
                                o.predictionsTopic,
                                f -> f.road),
                        Output.topic(
                                        out.provisionalForecasts(),
                                        CityflowUids.SINK_PROVISIONAL_PREDICTIONS_KAFKA,
                                        "provisional-predictions",
                                        o.provisionalPredictionsTopic,
                                        f -> f.road)
                                .sentAtOnce(),
                        Output.topic(
                                out.reroutes(),
                                CityflowUids.SINK_REROUTES_KAFKA,
                                "reroutes",
                                o.reroutesTopic,
                                r -> r.road),
                        Output.topic(
                                out.incidents(),
                                CityflowUids.SINK_INCIDENTS_KAFKA,
                                "incidents",
                                o.incidentsTopic,
                                i -> i.road)));
    }

    /**
     * The road graph on the roads topic now, so the first readings are checked against all of it
     * (the roads stream, read from the same start, only brings what changes after).
     */
    static RoadGraphState initialGraph(CityflowOptions o) {
        if (!o.initialGraph) {
            return RoadGraphState.empty();
        }
        try {
            return new RoadGraphState(
                    RoadGraphLoader.load(o.kafka.client(), o.roadsTopic, Duration.ofSeconds(60)));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "could not read the road graph from topic '"
                            + o.roadsTopic
                            + "' at "
                            + o.kafka.bootstrapServers
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public Map<String, String> parameters(CityflowOptions o) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("readings-topic", o.readingsTopic);
        p.put("roads-topic", o.roadsTopic);
        p.put("horizon", o.horizon.toString());
        p.put("reroute-threshold", Double.toString(o.rerouteThreshold));
        p.put("min-eta-gain", Double.toString(o.minEtaGain));
        p.put("onset-ratio", Double.toString(o.onsetRatio));
        p.put("onset-minutes", Integer.toString(o.onsetMinutes));
        p.put("incident-ratio", Double.toString(o.incidentRatio));
        p.put("co2-curve", o.co2Curve);
        p.put("time-zone", o.timeZone);
        p.put("readings-decimation", Integer.toString(o.readingsDecimation));
        return p;
    }
}
