package dev.streamwall.bench;

import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.DecodingDeserializer;
import dev.streamwall.common.kafka.KafkaSources;
import dev.streamwall.common.records.DeadLetter;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulator;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.functions.TelemetryDecoder;
import dev.streamwall.pitwall.records.Alert;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.records.StrategyDecision;
import dev.streamwall.pitwall.types.TelemetryType;
import dev.streamwall.pitwall.workflow.PitwallSettings;
import dev.streamwall.pitwall.workflow.PitwallWorkflow;
import dev.streamwall.wire.Json;
import dev.streamwall.wire.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * pitwall: the race simulator alone, and the full job graph (ordering, laps, strategy, CEP alerts)
 * from the simulator to discarding sinks.
 */
final class PitwallBench implements JobBench {

    static final TypeInformation<Decoded<Telemetry>> DECODED =
            new TypeHint<Decoded<Telemetry>>() {}.getTypeInfo();

    static final List<String> OUTPUTS =
            List.of("telemetry", "laps", "decisions", "alerts", "dead_letters", "late");

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
                ? RaceConfig.builder().laps(2).sampleHz(20).build()
                : RaceConfig.builder().laps(size.laps()).build();
    }

    @Override
    public List<Measurement> generator(Size size) {
        RaceConfig race = race(size);
        return List.of(simulate(race, false), simulate(race, true));
    }

    /** The simulator on its own: building samples, and writing each as its JSON wire record. */
    static Measurement simulate(RaceConfig race, boolean json) {
        ProcessClock clock = new ProcessClock();
        RaceSimulator sim = new RaceSimulator(race);
        long events = 0;
        long bytes = 0;
        while (sim.hasNext()) {
            Telemetry t = sim.next();
            events++;
            if (json) {
                bytes += Json.toBytes(t).length;
            }
        }
        return new Measurement(
                "pitwall",
                "generator",
                json ? "json" : "objects",
                events,
                clock.wallSeconds(),
                clock.cpuSeconds(),
                json ? (double) bytes / events : 0,
                Map.of(),
                Map.of());
    }

    @Override
    public Measurement graph(Size size, GraphRun.Variant variant, int parallelism)
            throws Exception {
        RaceConfig race = race(size);
        long events = RaceSimulator.countEvents(race);
        Set<Integer> cars = race.grid().carNumbers();
        StreamExecutionEnvironment env = GraphRun.environment(variant, parallelism);

        // One simulator (it moves every car together), its samples spread over the graph's
        // subtasks by car as a Kafka topic keyed by car would spread them over source readers;
        // decoding and watermarks then run per subtask, as in the job's Kafka source.
        DataStream<Telemetry> raw =
                env.fromSource(
                                new DataGeneratorSource<>(
                                        new Simulation(race), events, TelemetryType.INSTANCE),
                                WatermarkStrategy.noWatermarks(),
                                "Race simulator")
                        .setParallelism(1)
                        .uid("bench-simulator")
                        .name("Race simulator")
                        .partitionCustom((Integer car, int n) -> car % n, t -> t.car);
        DataStream<Decoded<Telemetry>> decoded =
                (variant.input() == GraphRun.Input.WIRE
                                ? raw.map(new WireRoundTrip(cars), DECODED)
                                : raw.map(t -> Decoded.of(t, t.ts), DECODED))
                        .uid("bench-decode")
                        .name(
                                variant.input() == GraphRun.Input.WIRE
                                        ? "To JSON and back"
                                        : "As decoded")
                        .assignTimestampsAndWatermarks(
                                KafkaSources.<Telemetry>watermarks(Duration.ofSeconds(2), null))
                        .uid("bench-watermarks")
                        .name("Watermarks");

        PitwallWorkflow.Outputs out =
                PitwallWorkflow.define(decoded, PitwallSettings.defaults(cars));
        TypeInformation<Telemetry> telemetry = TypeInformation.of(Telemetry.class);
        Tally.attach(out.telemetry(), "telemetry", telemetry, t -> t.car + "@" + t.ts);
        Tally.attach(out.laps(), "laps", TypeInformation.of(LapSummary.class), Tally.JSON);
        Tally.attach(
                out.decisions(),
                "decisions",
                TypeInformation.of(StrategyDecision.class),
                Tally.JSON);
        Tally.attach(out.alerts(), "alerts", TypeInformation.of(Alert.class), Tally.JSON);
        Tally.attach(
                out.deadLetters(),
                "dead_letters",
                TypeInformation.of(DeadLetter.class),
                d -> d.reason + "@" + d.sourceOffset);
        Tally.attach(out.late(), "late", telemetry, t -> t.car + "@" + t.ts);
        return GraphRun.execute(env, "pitwall", variant, events, OUTPUTS);
    }

    /** The race simulator as a generator function: one simulator per reader, in order. */
    static final class Simulation implements GeneratorFunction<Long, Telemetry> {
        private static final long serialVersionUID = 1L;

        private final RaceConfig race;
        private transient RaceSimulator sim;

        Simulation(RaceConfig race) {
            this.race = race;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            sim = new RaceSimulator(race);
        }

        @Override
        public Telemetry map(Long index) {
            return sim.next();
        }
    }

    /** Writes each sample as its wire record and reads it back with the job's own decoder. */
    static final class WireRoundTrip extends RichMapFunction<Telemetry, Decoded<Telemetry>> {
        private static final long serialVersionUID = 1L;

        private final DecodingDeserializer<Telemetry> deserializer;
        private long offset;

        WireRoundTrip(Set<Integer> cars) {
            deserializer =
                    new DecodingDeserializer<>("pitwall", new TelemetryDecoder(cars), DECODED);
        }

        @Override
        public Decoded<Telemetry> map(Telemetry t) {
            return deserializer.decode(Topics.F1_TELEMETRY, 0, offset++, null, Json.toBytes(t));
        }
    }
}
