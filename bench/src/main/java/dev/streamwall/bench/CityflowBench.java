package dev.streamwall.bench;

import dev.streamwall.cityflow.functions.RoadReadingDecoder;
import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.records.Reroute;
import dev.streamwall.cityflow.records.RoadStatus;
import dev.streamwall.cityflow.records.TrafficIncident;
import dev.streamwall.cityflow.workflow.CityflowSettings;
import dev.streamwall.cityflow.workflow.CityflowTables;
import dev.streamwall.cityflow.workflow.CityflowWorkflow;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.DecodingDeserializer;
import dev.streamwall.common.records.DeadLetter;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.city.CitySimulator;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.city.RoadRecord;
import dev.streamwall.wire.Topics;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * cityflow: the city simulator alone, and the full job graph (road minutes, per-road prediction,
 * the city view and reroutes, CEP incidents) from the simulator to discarding sinks, with the
 * simulated city's road graph as the roads input.
 */
final class CityflowBench implements JobBench {

    static final TypeInformation<Decoded<RoadReading>> DECODED =
            new TypeHint<Decoded<RoadReading>>() {}.getTypeInfo();

    static final List<String> OUTPUTS =
            List.of(
                    "readings",
                    "forecasts",
                    "reroutes",
                    "statuses",
                    "incidents",
                    "dead_letters",
                    "late");

    @Override
    public String name() {
        return "cityflow";
    }

    static CityConfig city(Size size) {
        return CityConfig.defaults()
                .withDuration(size.quick() ? Duration.ofMinutes(30) : Duration.ofHours(12));
    }

    @Override
    public String input(Size size) {
        CityConfig city = city(size);
        long readings = 0;
        for (Iterator<RoadReading> it = new Readings(city); it.hasNext(); it.next()) {
            readings++;
        }
        return String.format(
                "%d roads for %s: %,d readings",
                city.network().roads().size(), city.duration(), readings);
    }

    @Override
    public List<Measurement> generator(Size size) {
        CityConfig city = city(size);
        return List.of(
                JobBench.simulate("cityflow", new Readings(city), false),
                JobBench.simulate("cityflow", new Readings(city), true));
    }

    @Override
    public Measurement graph(Size size, GraphRun.Variant variant, int parallelism)
            throws Exception {
        CityConfig city = city(size);
        long events = 0;
        for (Iterator<RoadReading> it = new Readings(city); it.hasNext(); it.next()) {
            events++;
        }
        StreamExecutionEnvironment env = GraphRun.environment(variant, parallelism);
        CityflowWorkflow.Outputs out =
                define(env, city, variant, events, null, CityflowSettings.defaults());
        TypeInformation<RoadReading> reading = TypeInformation.of(RoadReading.class);
        Tally.attach(
                out.readings(), "readings", reading, r -> r.sensor + "@" + r.ts + "=" + r.speed);
        Tally.attach(
                out.forecasts(),
                "forecasts",
                TypeInformation.of(CongestionForecast.class),
                Tally.JSON);
        Tally.attach(out.reroutes(), "reroutes", TypeInformation.of(Reroute.class), Tally.JSON);
        Tally.attach(out.statuses(), "statuses", TypeInformation.of(RoadStatus.class), Tally.JSON);
        Tally.attach(
                out.incidents(),
                "incidents",
                TypeInformation.of(TrafficIncident.class),
                Tally.JSON);
        Tally.attach(
                out.deadLetters(),
                "dead_letters",
                TypeInformation.of(DeadLetter.class),
                d -> d.reason + "@" + d.sourceOffset);
        Tally.attach(out.late(), "late", reading, r -> r.sensor + "@" + r.ts);
        return GraphRun.execute(env, "cityflow", variant, events, OUTPUTS);
    }

    /** How many times real time the latency run plays the city. */
    static final int LATENCY_SPEED = 10;

    /**
     * Decision latency: a city played at {@value #LATENCY_SPEED}x real time (its sensors' readings
     * at ten times their rate), heap state, JSON in, provisional predictions on; each forecast
     * timed at its sink. A final forecast counts from the job's reading of its minute's last
     * reading (it then waits for the road's next reading and for the watermark to pass the minute);
     * a provisional one from the reading of the next minute that completed it.
     */
    @Override
    public List<Measurement> latency(Size size, int parallelism) throws Exception {
        CityConfig city =
                CityConfig.defaults()
                        .withDuration(
                                size.quick() ? Duration.ofMinutes(2) : Duration.ofMinutes(10));
        long events = 0;
        for (Iterator<RoadReading> it = new Readings(city); it.hasNext(); it.next()) {
            events++;
        }
        double perSecond = LATENCY_SPEED * (double) events / city.duration().toSeconds();
        GraphRun.Variant heapWire = new GraphRun.Variant(GraphRun.State.HEAP, GraphRun.Input.WIRE);
        StreamExecutionEnvironment env = GraphRun.environment(heapWire, parallelism);
        CityflowWorkflow.Outputs out =
                define(
                        env,
                        city,
                        heapWire,
                        events,
                        RateLimiterStrategy.perSecond(perSecond),
                        CityflowSettings.defaults().withProvisionalPredictions(true));
        TypeInformation<CongestionForecast> forecast = TypeInformation.of(CongestionForecast.class);
        Tally.attach(out.forecasts(), "forecasts", forecast, Tally.JSON, f -> f.receivedAt);
        Tally.attach(
                out.provisionalForecasts(),
                "provisional_forecasts",
                forecast,
                Tally.JSON,
                f -> f.receivedAt);
        return List.of(
                GraphRun.executePaced(
                        env,
                        "cityflow",
                        heapWire,
                        LATENCY_SPEED,
                        perSecond,
                        events,
                        List.of("forecasts", "provisional_forecasts")));
    }

    /** The cityflow graph on {@code env}, fed by the city simulator and its road graph. */
    private static CityflowWorkflow.Outputs define(
            StreamExecutionEnvironment env,
            CityConfig city,
            GraphRun.Variant variant,
            long events,
            RateLimiterStrategy<?> rate,
            CityflowSettings settings) {
        DataStream<Decoded<RoadReading>> readings =
                GraphRun.input(
                        env,
                        variant,
                        new GraphRun.Source<RoadReading>(
                                () -> new Readings(city),
                                events,
                                TypeInformation.of(RoadReading.class),
                                r -> r.road.hashCode(),
                                new DecodingDeserializer<>(
                                        "cityflow", new RoadReadingDecoder(), DECODED),
                                Topics.CITY_READINGS,
                                r -> r.ts),
                        rate);
        return CityflowWorkflow.define(
                readings, city.network().records(city.start().toEpochMilli()), settings);
    }

    /** The rows of each table, from a run of the graph. */
    @Override
    public List<SinkLeg.Rows<?>> sinkRows(Size size, int limit) throws Exception {
        CityConfig city = city(size);
        long events = 0;
        for (Iterator<RoadReading> it = new Readings(city); it.hasNext(); it.next()) {
            events++;
        }
        GraphRun.Variant heap = new GraphRun.Variant(GraphRun.State.HEAP, GraphRun.Input.OBJECTS);
        StreamExecutionEnvironment env = GraphRun.environment(heap, 2);
        CityflowWorkflow.Outputs out =
                define(env, city, heap, events, null, CityflowSettings.defaults());
        Collected<RoadReading> readings = Collected.attach(out.readings(), "readings", limit);
        Collected<RoadRecord> roads = Collected.attach(out.roads(), "roads", limit);
        Collected<CongestionForecast> forecasts =
                Collected.attach(out.forecasts(), "forecasts", limit);
        Collected<Reroute> reroutes = Collected.attach(out.reroutes(), "reroutes", limit);
        Collected<TrafficIncident> incidents =
                Collected.attach(out.incidents(), "incidents", limit);
        env.execute("bench cityflow sink rows");
        return List.of(
                new SinkLeg.Rows<>(CityflowTables.TRAFFIC_RAW, readings.records()),
                new SinkLeg.Rows<>(CityflowTables.ROADS, roads.records()),
                new SinkLeg.Rows<>(CityflowTables.PREDICTIONS, forecasts.records()),
                new SinkLeg.Rows<>(CityflowTables.REROUTES, reroutes.records()),
                new SinkLeg.Rows<>(CityflowTables.INCIDENTS, incidents.records()));
    }

    /** The city simulator's readings as an iterator (its side records, the truth, dropped). */
    static final class Readings implements Iterator<RoadReading> {
        private final CitySimulator sim;

        Readings(CityConfig city) {
            sim = new CitySimulator(city, CitySimulator.DEFAULT_TRUTH_TOPIC, null);
        }

        @Override
        public boolean hasNext() {
            return sim.hasNext();
        }

        @Override
        public RoadReading next() {
            RoadReading r = sim.next();
            sim.pollSideRecords();
            return r;
        }
    }
}
