package dev.streamwall.bench;

import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.DecodingDeserializer;
import dev.streamwall.common.records.DeadLetter;
import dev.streamwall.factory.functions.ReadingDecoder;
import dev.streamwall.factory.records.Anomaly;
import dev.streamwall.factory.records.MaintenanceAlert;
import dev.streamwall.factory.records.ScoredReading;
import dev.streamwall.factory.records.SensorStats;
import dev.streamwall.factory.workflow.FactorySettings;
import dev.streamwall.factory.workflow.FactoryTables;
import dev.streamwall.factory.workflow.FactoryWorkflow;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.factory.PlantSimulator;
import dev.streamwall.generators.factory.SensorReading;
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
 * factory: the plant simulator alone, and the full job graph (ordering, per-sensor scoring, sliding
 * statistics, CEP maintenance rules) from the simulator to discarding sinks.
 */
final class FactoryBench implements JobBench {

    static final TypeInformation<Decoded<SensorReading>> DECODED =
            new TypeHint<Decoded<SensorReading>>() {}.getTypeInfo();

    static final List<String> OUTPUTS =
            List.of("readings", "anomalies", "alerts", "stats", "dead_letters", "late");

    @Override
    public String name() {
        return "factory";
    }

    static PlantConfig plant(Size size) {
        return size.quick()
                ? PlantConfig.defaults().withMachines(10).withDuration(Duration.ofMinutes(10))
                : PlantConfig.defaults().withDuration(Duration.ofHours(2));
    }

    @Override
    public String input(Size size) {
        PlantConfig plant = plant(size);
        return String.format(
                "%d machines x 3 sensors at %d ms for %s: %,d readings",
                plant.machines(),
                plant.sampleMs(),
                plant.duration(),
                PlantSimulator.countEvents(plant));
    }

    @Override
    public List<Measurement> generator(Size size) {
        PlantConfig plant = plant(size);
        return List.of(
                JobBench.simulate("factory", new Readings(plant), false),
                JobBench.simulate("factory", new Readings(plant), true));
    }

    @Override
    public Measurement graph(Size size, GraphRun.Variant variant, int parallelism)
            throws Exception {
        PlantConfig plant = plant(size);
        long events = PlantSimulator.countEvents(plant);
        StreamExecutionEnvironment env = GraphRun.environment(variant, parallelism);
        FactoryWorkflow.Outputs out = define(env, plant, variant);
        Tally.attach(
                out.readings(),
                "readings",
                TypeInformation.of(ScoredReading.class),
                r -> r.machine + "/" + r.sensor + "@" + r.ts + "=" + r.score);
        Tally.attach(out.anomalies(), "anomalies", TypeInformation.of(Anomaly.class), Tally.JSON);
        Tally.attach(
                out.alerts(), "alerts", TypeInformation.of(MaintenanceAlert.class), Tally.JSON);
        Tally.attach(out.stats(), "stats", TypeInformation.of(SensorStats.class), Tally.JSON);
        Tally.attach(
                out.deadLetters(),
                "dead_letters",
                TypeInformation.of(DeadLetter.class),
                d -> d.reason + "@" + d.sourceOffset);
        Tally.attach(
                out.late(),
                "late",
                TypeInformation.of(SensorReading.class),
                r -> r.machine + "/" + r.sensor + "@" + r.ts);
        return GraphRun.execute(env, "factory", variant, events, OUTPUTS);
    }

    /** The factory graph on {@code env}, fed by the plant simulator. */
    private static FactoryWorkflow.Outputs define(
            StreamExecutionEnvironment env, PlantConfig plant, GraphRun.Variant variant) {
        return define(env, plant, variant, null, FactorySettings.defaults());
    }

    private static FactoryWorkflow.Outputs define(
            StreamExecutionEnvironment env,
            PlantConfig plant,
            GraphRun.Variant variant,
            RateLimiterStrategy<?> rate,
            FactorySettings settings) {
        long events = PlantSimulator.countEvents(plant);
        DataStream<Decoded<SensorReading>> decoded =
                GraphRun.input(
                        env,
                        variant,
                        new GraphRun.Source<SensorReading>(
                                () -> new Readings(plant),
                                events,
                                TypeInformation.of(SensorReading.class),
                                r -> r.machine.hashCode(),
                                new DecodingDeserializer<>(
                                        "factory", new ReadingDecoder(settings.sensors()), DECODED),
                                Topics.FACTORY_READINGS,
                                r -> r.ts),
                        rate);
        return FactoryWorkflow.define(decoded, settings);
    }

    /** How many times real time the latency run plays the plant. */
    static final int LATENCY_SPEED = 10;

    /**
     * Decision latency: a plant of 10 machines with an overheating, a pressure leak and a stuck
     * sensor from minute 5, 20 minutes played at {@value #LATENCY_SPEED}x real time, heap state,
     * JSON in, provisional alerts on; each alert record that opens or extends an alert (not the
     * closing ones, which wait for the merge gap by design) and each provisional match timed at its
     * sink from the job's reading of the reading behind its latest evidence.
     */
    @Override
    public List<Measurement> latency(Size size, int parallelism) throws Exception {
        PlantConfig plant =
                PlantConfig.defaults()
                        .withMachines(10)
                        .withDuration(size.quick() ? Duration.ofMinutes(8) : Duration.ofMinutes(20))
                        .withFaults("overheating@M01+5m,pressure_leak@M02+5m,stuck_sensor@M03+5m");
        long events = PlantSimulator.countEvents(plant);
        double perSecond = LATENCY_SPEED * 1000.0 * events / plant.duration().toMillis();
        GraphRun.Variant heapWire = new GraphRun.Variant(GraphRun.State.HEAP, GraphRun.Input.WIRE);
        StreamExecutionEnvironment env = GraphRun.environment(heapWire, parallelism);
        FactoryWorkflow.Outputs out =
                define(
                        env,
                        plant,
                        heapWire,
                        RateLimiterStrategy.perSecond(perSecond),
                        FactorySettings.defaults().withProvisionalAlerts(true));
        TypeInformation<MaintenanceAlert> alert = TypeInformation.of(MaintenanceAlert.class);
        Tally.attach(
                out.alerts(),
                "alerts",
                alert,
                Tally.JSON,
                a -> "CLOSED".equals(a.status) ? 0L : a.receivedAt);
        Tally.attach(
                out.provisionalAlerts(),
                "provisional_alerts",
                alert,
                Tally.JSON,
                a -> a.receivedAt);
        return List.of(
                GraphRun.executePaced(
                        env,
                        "factory",
                        heapWire,
                        LATENCY_SPEED,
                        perSecond,
                        events,
                        List.of("alerts", "provisional_alerts")));
    }

    /** The rows of each table, from a run of the graph. */
    @Override
    public List<SinkLeg.Rows<?>> sinkRows(Size size, int limit) throws Exception {
        GraphRun.Variant heap = new GraphRun.Variant(GraphRun.State.HEAP, GraphRun.Input.OBJECTS);
        StreamExecutionEnvironment env = GraphRun.environment(heap, 2);
        FactoryWorkflow.Outputs out = define(env, plant(size), heap);
        Collected<ScoredReading> readings = Collected.attach(out.readings(), "readings", limit);
        Collected<Anomaly> anomalies = Collected.attach(out.anomalies(), "anomalies", limit);
        Collected<MaintenanceAlert> alerts = Collected.attach(out.alerts(), "alerts", limit);
        Collected<SensorStats> stats = Collected.attach(out.stats(), "stats", limit);
        env.execute("bench factory sink rows");
        return List.of(
                new SinkLeg.Rows<>(FactoryTables.SENSOR_READINGS, readings.records()),
                new SinkLeg.Rows<>(FactoryTables.ANOMALIES, anomalies.records()),
                new SinkLeg.Rows<>(FactoryTables.ALERTS, alerts.records()),
                new SinkLeg.Rows<>(FactoryTables.STATS, stats.records()));
    }

    /** The plant simulator's readings as an iterator (its side records, the labels, dropped). */
    static final class Readings implements Iterator<SensorReading> {
        private final PlantSimulator sim;

        Readings(PlantConfig plant) {
            sim = new PlantSimulator(plant);
        }

        @Override
        public boolean hasNext() {
            return sim.hasNext();
        }

        @Override
        public SensorReading next() {
            SensorReading r = sim.next();
            sim.pollSideRecords();
            return r;
        }
    }
}
