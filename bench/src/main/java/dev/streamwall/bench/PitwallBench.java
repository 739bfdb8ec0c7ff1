package dev.streamwall.bench;

import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.DecodingDeserializer;
import dev.streamwall.common.records.DeadLetter;
import dev.streamwall.common.sink.SqlRows;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulator;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.functions.TelemetryDecoder;
import dev.streamwall.pitwall.records.Alert;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.records.StintOutlook;
import dev.streamwall.pitwall.records.StrategyDecision;
import dev.streamwall.pitwall.types.TelemetryType;
import dev.streamwall.pitwall.workflow.PitwallSettings;
import dev.streamwall.pitwall.workflow.PitwallTables;
import dev.streamwall.pitwall.workflow.PitwallWorkflow;
import dev.streamwall.wire.Json;
import dev.streamwall.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * pitwall: the race simulator alone, and the full job graph (ordering, laps, strategy, CEP alerts)
 * from the simulator to discarding sinks.
 */
final class PitwallBench implements JobBench {

    /** As the job's source makes it. */
    static final TypeInformation<Decoded<Telemetry>> DECODED = TelemetryType.DECODED;

    static final List<String> OUTPUTS =
            List.of("telemetry", "laps", "outlook", "decisions", "alerts", "dead_letters", "late");

    @Override
    public String name() {
        return "pitwall";
    }

    @Override
    public String input(Size size) {
        RaceConfig race = race(size);
        return String.format(
                "%d cars, %d laps at %d Hz: %,d samples",
                race.cars(), race.laps(), race.sampleHz(), RaceSimulator.countEvents(race));
    }

    static RaceConfig race(Size size) {
        return size.quick()
                ? RaceConfig.builder().laps(2).sampleHz(10).build()
                : RaceConfig.builder().laps(size.laps()).build();
    }

    @Override
    public List<Measurement> generator(Size size) {
        RaceConfig race = race(size);
        return List.of(
                JobBench.simulate("pitwall", new RaceSimulator(race), false),
                JobBench.simulate("pitwall", new RaceSimulator(race), true));
    }

    @Override
    public Measurement graph(Size size, GraphRun.Variant variant, int parallelism)
            throws Exception {
        RaceConfig race = race(size);
        return run(
                race,
                variant,
                parallelism,
                null,
                variant.label() + (size.provisionalLaps() ? " +provisional laps" : ""),
                Watermarking.DEFAULT,
                size.provisionalLaps());
    }

    @Override
    public List<Measurement> plainLoop(Size size) throws Exception {
        return List.of(PlainLoop.pitwall(race(size), false), PlainLoop.pitwall(race(size), true));
    }

    /**
     * Decision latency: the race paced at {@code rate} samples per second (2,000 is real time for
     * 20 cars at 100 Hz), heap state, JSON in; from the decoding of the sample that completes a lap
     * to the lap's summary, its strategy call and an alert reaching their sinks.
     */
    @Override
    public List<Measurement> latency(Size size, int parallelism) throws Exception {
        RaceConfig race =
                size.quick()
                        ? RaceConfig.builder().laps(1).sampleHz(20).build()
                        : RaceConfig.builder().laps(size.latencyLaps()).build();
        List<Integer> rates = size.quick() ? List.of(8_000) : size.latencyRates();
        GraphRun.Variant heapWire = new GraphRun.Variant(GraphRun.State.HEAP, GraphRun.Input.WIRE);
        List<Watermarking> watermarkings = List.of(Watermarking.DEFAULT, Watermarking.TIGHT);
        List<Measurement> runs = new ArrayList<>();
        for (int rate : rates) {
            String label = String.format(Locale.ROOT, "latency@%,d/s", rate);
            for (Watermarking w : size.quick() ? List.of(Watermarking.DEFAULT) : watermarkings) {
                runs.add(
                        run(
                                race,
                                heapWire,
                                parallelism,
                                RateLimiterStrategy.perSecond(rate),
                                w.equals(Watermarking.DEFAULT) ? label : label + " wm " + w.label(),
                                w,
                                false));
            }
        }
        return runs;
    }

    private Measurement run(
            RaceConfig race,
            GraphRun.Variant variant,
            int parallelism,
            RateLimiterStrategy<?> rate,
            String label,
            Watermarking watermarking,
            boolean provisionalLaps)
            throws Exception {
        long events = RaceSimulator.countEvents(race);
        StreamExecutionEnvironment env = GraphRun.environment(variant, parallelism);
        env.getConfig().setAutoWatermarkInterval(watermarking.interval().toMillis());
        PitwallWorkflow.Outputs out =
                define(env, race, variant, rate, watermarking.outOfOrderness(), provisionalLaps);
        if (provisionalLaps) {
            Tally.attach(
                    out.provisionalLaps(),
                    "provisional_laps",
                    TypeInformation.of(LapSummary.class),
                    Tally.JSON,
                    null);
        }
        // Latency only where the input is paced: unpaced, it measures the backlog.
        TypeInformation<Telemetry> telemetry = TypeInformation.of(Telemetry.class);
        Tally.attachDigested(
                out.telemetry(), "telemetry", telemetry, t -> Tally.fnv1a64(t.car, t.ts));
        Tally.attach(
                out.laps(),
                "laps",
                TypeInformation.of(LapSummary.class),
                Tally.JSON,
                rate == null ? null : l -> l.receivedAt);
        Tally.attach(
                out.outlook(),
                "outlook",
                TypeInformation.of(StintOutlook.class),
                Tally.JSON,
                rate == null ? null : o -> o.receivedAt);
        Tally.attach(
                out.decisions(),
                "decisions",
                TypeInformation.of(StrategyDecision.class),
                Tally.JSON,
                rate == null ? null : d -> d.receivedAt);
        Tally.attach(
                out.alerts(),
                "alerts",
                TypeInformation.of(Alert.class),
                Tally.JSON,
                rate == null ? null : a -> a.receivedAt);
        Tally.attach(
                out.deadLetters(),
                "dead_letters",
                TypeInformation.of(DeadLetter.class),
                d -> d.reason + "@" + d.sourceOffset);
        Tally.attachDigested(out.late(), "late", telemetry, t -> Tally.fnv1a64(t.car, t.ts));
        List<String> outputs = new ArrayList<>(OUTPUTS);
        if (provisionalLaps) {
            outputs.add("provisional_laps");
        }
        return GraphRun.execute(env, "pitwall", variant, label, events, outputs);
    }

    /** The pitwall graph on {@code env}, fed by the race simulator. */
    private static PitwallWorkflow.Outputs define(
            StreamExecutionEnvironment env,
            RaceConfig race,
            GraphRun.Variant variant,
            RateLimiterStrategy<?> rate,
            Duration outOfOrderness,
            boolean provisionalLaps) {
        long events = RaceSimulator.countEvents(race);
        Set<Integer> cars = race.grid().carNumbers();
        DataStream<Decoded<Telemetry>> decoded =
                GraphRun.input(
                        env,
                        variant,
                        new GraphRun.Source<Telemetry>(
                                () -> new RaceSimulator(race),
                                events,
                                TelemetryType.INSTANCE,
                                t -> t.car,
                                new DecodingDeserializer<>(
                                        "pitwall", new TelemetryDecoder(cars), DECODED),
                                Topics.F1_TELEMETRY,
                                t -> t.ts),
                        rate,
                        outOfOrderness);
        return PitwallWorkflow.define(
                decoded, PitwallSettings.defaults(cars).withProvisionalLaps(provisionalLaps));
    }

    /**
     * The rows of each table: telemetry from the simulator, laps, calls and alerts from a run of
     * the graph, and dead letters made up of telemetry records cut short.
     */
    @Override
    public List<SinkLeg.Rows<?>> sinkRows(Size size, int limit) throws Exception {
        RaceConfig race = race(size);
        StreamExecutionEnvironment env =
                GraphRun.environment(
                        new GraphRun.Variant(GraphRun.State.HEAP, GraphRun.Input.OBJECTS), 2);
        PitwallWorkflow.Outputs out =
                define(
                        env,
                        race,
                        new GraphRun.Variant(GraphRun.State.HEAP, GraphRun.Input.OBJECTS),
                        null,
                        Watermarking.DEFAULT.outOfOrderness(),
                        false);
        Collected<LapSummary> laps = Collected.attach(out.laps(), "laps", limit);
        Collected<StintOutlook> outlook = Collected.attach(out.outlook(), "outlook", limit);
        Collected<StrategyDecision> calls = Collected.attach(out.decisions(), "decisions", limit);
        Collected<Alert> alerts = Collected.attach(out.alerts(), "alerts", limit);
        env.execute("bench pitwall sink rows");

        List<Telemetry> telemetry = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        RaceSimulator sim = new RaceSimulator(race);
        for (long offset = 0; sim.hasNext() && telemetry.size() < limit; offset++) {
            Telemetry t = sim.next();
            telemetry.add(t);
            if (letters.size() < limit / 10) {
                byte[] json = Json.toBytes(t);
                letters.add(
                        DeadLetter.of(
                                "pitwall",
                                Topics.F1_TELEMETRY,
                                0,
                                offset,
                                "NOT_JSON",
                                "Unexpected end-of-input at line 1, column 300",
                                String.valueOf(t.car).getBytes(StandardCharsets.UTF_8),
                                Arrays.copyOf(json, 300)));
            }
        }
        return List.of(
                new SinkLeg.Rows<>(PitwallTables.TELEMETRY, telemetry),
                new SinkLeg.Rows<>(PitwallTables.LAPS, laps.records()),
                new SinkLeg.Rows<>(PitwallTables.OUTLOOK, outlook.records()),
                new SinkLeg.Rows<>(PitwallTables.DECISIONS, calls.records()),
                new SinkLeg.Rows<>(PitwallTables.ALERTS, alerts.records()),
                new SinkLeg.Rows<>(SqlRows.DEAD_LETTERS, letters));
    }
}
