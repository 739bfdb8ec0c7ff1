package dev.streamwall.pitwall.workflow;

import dev.streamwall.common.cep.OrderedCep;
import dev.streamwall.common.functions.EveryNth;
import dev.streamwall.common.kafka.DeadLetterSplitter;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.records.DeadLetter;
import dev.streamwall.common.state.WriteBehindProcessOperator;
import dev.streamwall.common.time.BufferedEventTimeOrdering;
import dev.streamwall.common.time.EventTimeOrdering;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.functions.LapAggregator;
import dev.streamwall.pitwall.functions.anomaly.AlertTracker;
import dev.streamwall.pitwall.functions.anomaly.AnomalyPatterns;
import dev.streamwall.pitwall.functions.anomaly.ConditionSampler;
import dev.streamwall.pitwall.functions.strategy.FieldFunction;
import dev.streamwall.pitwall.functions.strategy.StrategyFunction;
import dev.streamwall.pitwall.records.Alert;
import dev.streamwall.pitwall.records.CarCondition;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.records.LapTiming;
import dev.streamwall.pitwall.records.StintOutlook;
import dev.streamwall.pitwall.records.StrategyDecision;
import dev.streamwall.pitwall.records.StrategyInput;
import dev.streamwall.pitwall.types.TelemetryType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The pitwall job graph, as a function of its decoded input: telemetry in event-time order per car
 * feeds lap analytics, the strategy stage and the CEP anomaly rules. Sources and sinks are attached
 * by the caller, so tests can run the same graph on bounded input.
 */
public final class PitwallWorkflow {

    public static final OutputTag<Telemetry> LATE_TELEMETRY = new OutputTag<>("late-telemetry") {};

    static final OutputTag<Alert> LATE_CANDIDATES = new OutputTag<>("late-alert-candidates") {};

    public static final OutputTag<LapTiming> LATE_LAPS = new OutputTag<>("late-laps") {};

    /**
     * The streams the graph produces; each is sunk by {@link PitwallSinks} or collected by a test.
     */
    public record Outputs(
            DataStream<Telemetry> telemetry,
            DataStream<LapSummary> laps,
            DataStream<StintOutlook> outlook,
            DataStream<StrategyDecision> decisions,
            DataStream<Alert> alerts,
            DataStream<DeadLetter> deadLetters,
            DataStream<Telemetry> late,
            DataStream<LapTiming> lateLaps,
            DataStream<LapSummary> provisionalLaps,
            DataStream<StrategyDecision> provisionalDecisions,
            DataStream<Alert> provisionalAlerts) {}

    /** How long samples may wait in a network buffer when provisional laps are on. */
    static final long PROVISIONAL_BUFFER_TIMEOUT_MS = 5;

    private PitwallWorkflow() {}

    /** The full job: telemetry with timestamps and watermarks already assigned (by the source). */
    public static Outputs define(DataStream<Decoded<Telemetry>> decoded, PitwallSettings settings) {
        passRecordsWithoutCopies(decoded);
        LapStage stage = laps(decoded, settings);
        SingleOutputStreamOperator<Telemetry> ordered = stage.ordered();
        KeyedStream<Telemetry, Integer> byCar = stage.byCar();
        SingleOutputStreamOperator<LapSummary> laps = stage.laps();
        DataStream<DeadLetter> deadLetters =
                stage.valid().getSideOutput(DeadLetterSplitter.DEAD_LETTERS);
        DataStream<Telemetry> late = ordered.getSideOutput(LATE_TELEMETRY);
        SingleOutputStreamOperator<LapSummary> provisional = null;
        DataStream<StrategyDecision> provisionalDecisions = null;
        DataStream<Alert> provisionalAlerts = null;
        if (settings.provisionalLaps()) {
            // Provisional laps are for consumers who want them at once: the two network hops
            // before them flush at least every 5 ms instead of when a buffer is full or after
            // Flink's 100 ms (at real time, 2,000 samples/s, a buffer took 80 ms to fill).
            decoded.getTransformation().setBufferTimeout(PROVISIONAL_BUFFER_TIMEOUT_MS);
            stage.valid().setBufferTimeout(PROVISIONAL_BUFFER_TIMEOUT_MS);
            provisional =
                    stage.valid()
                            .keyBy(t -> t.car)
                            .transform(
                                    "Provisional laps",
                                    TypeInformation.of(LapSummary.class),
                                    new WriteBehindProcessOperator<>(
                                            LapAggregator.provisional(
                                                    settings.finishedRetention(),
                                                    settings.provisional().alerts())))
                            .uid(PitwallUids.PROVISIONAL_LAPS)
                            .name("Provisional laps")
                            .setBufferTimeout(0);
            provisionalDecisions =
                    strategyAtOnce(
                            provisional.getSideOutput(LapAggregator.STRATEGY_INPUTS), settings);
            if (settings.provisional().alerts()) {
                provisionalAlerts =
                        alertsAtOnce(
                                DataStreamUtils.reinterpretAsKeyedStream(
                                        provisional.getSideOutput(LapAggregator.ARRIVED_SAMPLES),
                                        t -> t.car),
                                settings);
            }
        }

        SingleOutputStreamOperator<StrategyDecision> decisions =
                strategy(laps.getSideOutput(LapAggregator.STRATEGY_INPUTS), settings);

        DataStream<Alert> alerts = alerts(byCar, settings);

        DataStream<Telemetry> stored =
                settings.telemetryDecimation() <= 1
                        ? ordered
                        : byCar.process(
                                        new EveryNth<Integer, Telemetry>(
                                                settings.telemetryDecimation()),
                                        TelemetryType.INSTANCE)
                                .uid(PitwallUids.DECIMATOR)
                                .name("Decimate telemetry 1:" + settings.telemetryDecimation());
        return new Outputs(
                stored,
                laps,
                decisions.getSideOutput(StrategyFunction.OUTLOOK),
                decisions,
                alerts,
                deadLetters,
                late,
                null,
                provisional,
                provisionalDecisions,
                provisionalAlerts);
    }

    /**
     * The stages every telemetry graph starts with: decode (bad records to the dead-letter side
     * output), each car's samples in event-time order (late ones to {@link #LATE_TELEMETRY}), and
     * the lap analytics over them. The full job adds strategy and alerts; the Flink side of {@code
     * bench --vs-spark} stops at the laps.
     */
    public record LapStage(
            SingleOutputStreamOperator<Telemetry> valid,
            SingleOutputStreamOperator<Telemetry> ordered,
            KeyedStream<Telemetry, Integer> byCar,
            SingleOutputStreamOperator<LapSummary> laps) {}

    /** Decode, order and lap stages over the source's decoded telemetry. */
    public static LapStage laps(DataStream<Decoded<Telemetry>> decoded, PitwallSettings settings) {
        SingleOutputStreamOperator<Telemetry> valid =
                decoded.process(new DeadLetterSplitter<Telemetry>(), TelemetryType.INSTANCE)
                        .uid(PitwallUids.DECODE)
                        .name("Decode and dead-letter telemetry");

        SingleOutputStreamOperator<Telemetry> ordered =
                valid.keyBy(t -> t.car)
                        .transform(
                                "Order telemetry by event time",
                                TelemetryType.INSTANCE,
                                new BufferedEventTimeOrdering<Integer, Telemetry>(
                                        // Checkpointed as before: the POJO type, savepoints
                                        // unchanged.
                                        TypeInformation.of(Telemetry.class),
                                        LATE_TELEMETRY,
                                        t -> Boolean.TRUE))
                        .uid(PitwallUids.ORDERING)
                        .name("Order telemetry by event time");

        // The ordered stream is already partitioned by car: reinterpreting it keeps each car's
        // order without another network shuffle.
        KeyedStream<Telemetry, Integer> byCar =
                DataStreamUtils.reinterpretAsKeyedStream(ordered, t -> t.car);

        SingleOutputStreamOperator<LapSummary> laps =
                byCar.transform(
                                "Lap analytics",
                                TypeInformation.of(LapSummary.class),
                                // Each car's lap state in memory, written to the state backend
                                // before each checkpoint instead of at every sample.
                                new WriteBehindProcessOperator<>(
                                        new LapAggregator(settings.finishedRetention())))
                        .uid(PitwallUids.LAP_AGGREGATOR)
                        .name("Lap analytics")
                        // A few records a lap: each goes to the strategy at once instead of
                        // waiting up to the buffer timeout (100 ms) for a network buffer to fill.
                        .setBufferTimeout(0);
        return new LapStage(valid, ordered, byCar, laps);
    }

    /**
     * The strategy stage alone, driven by recorded lap timing (the laps topic) instead of
     * telemetry: timestamps and watermarks already assigned from each lap's end.
     */
    public static Outputs defineFromLaps(
            DataStream<Decoded<LapTiming>> decoded, PitwallSettings settings) {
        passRecordsWithoutCopies(decoded);
        SingleOutputStreamOperator<LapTiming> valid =
                decoded.process(
                                new DeadLetterSplitter<LapTiming>(),
                                TypeInformation.of(LapTiming.class))
                        .uid(PitwallUids.DECODE)
                        .name("Decode and dead-letter lap timing");
        SingleOutputStreamOperator<LapTiming> ordered =
                valid.keyBy(l -> l.car)
                        .process(
                                new EventTimeOrdering<Integer, LapTiming>(
                                        TypeInformation.of(LapTiming.class), LATE_LAPS, l -> l.lap))
                        .uid(PitwallUids.ORDERING)
                        .name("Order laps by event time");
        // Recorded timing carries the track status per lap; there is no
        // finer-grained status stream.
        SingleOutputStreamOperator<StrategyDecision> decisions =
                strategy(
                        ordered.map(StrategyInput::of, TypeInformation.of(StrategyInput.class))
                                .uid(PitwallUids.LAP_TIMING)
                                .name("Laps to strategy inputs")
                                .setBufferTimeout(0),
                        settings);
        return new Outputs(
                null,
                null,
                decisions.getSideOutput(StrategyFunction.OUTLOOK),
                decisions,
                null,
                valid.getSideOutput(DeadLetterSplitter.DEAD_LETTERS),
                null,
                ordered.getSideOutput(LATE_LAPS),
                null,
                null,
                null);
    }

    /**
     * Turns on object reuse: chained operators then hand each other the same record instead of a
     * deep copy per consumer (a reflective copy of the 38-field telemetry record for each of the
     * three operators fed by the ordering stage was a third of the job's CPU). Safe because no
     * operator of this graph changes a record it received or a record after emitting it: records
     * kept in state (the ordering buffer, a lap's last sample, the strategy's pending laps, an open
     * alert) arrive over the network, which always deserialises a fresh object, and alerts leave
     * the tracker as copies. A new operator must keep to this.
     */
    static void passRecordsWithoutCopies(DataStream<?> input) {
        input.getExecutionEnvironment().getConfig().enableObjectReuse();
    }

    /**
     * The strategy stage over each car's laps and track-status changes, in event-time order on one
     * channel per car: pit-call decisions, and each car's outlook as a side output. The inputs pass
     * the field stage first (one key per race), which tells each lap how many other cars stopped
     * meanwhile.
     */
    static SingleOutputStreamOperator<StrategyDecision> strategy(
            DataStream<StrategyInput> inputs, PitwallSettings settings) {
        SingleOutputStreamOperator<StrategyInput> withField =
                inputs.keyBy(StrategyInput::race)
                        .process(new FieldFunction(), TypeInformation.of(StrategyInput.class))
                        .uid(PitwallUids.FIELD)
                        .name("Field view per race")
                        .setBufferTimeout(0);
        return withField
                .keyBy(StrategyInput::car)
                .process(
                        new StrategyFunction(settings.strategy(), settings.finishedRetention()),
                        TypeInformation.of(StrategyDecision.class))
                .uid(PitwallUids.STRATEGY)
                .name("Strategy calls");
    }

    /**
     * The strategy stage on provisional laps: the field's view and the calls made as each input
     * arrives, without waiting for the watermark (provisional calls; the calls of {@link #strategy}
     * stay the job's record).
     */
    static DataStream<StrategyDecision> strategyAtOnce(
            DataStream<StrategyInput> inputs, PitwallSettings settings) {
        return inputs.keyBy(StrategyInput::race)
                .process(FieldFunction.atOnce(), TypeInformation.of(StrategyInput.class))
                .uid(PitwallUids.PROVISIONAL_FIELD)
                .name("Provisional field view per race")
                .setBufferTimeout(0)
                .keyBy(StrategyInput::car)
                .process(
                        StrategyFunction.atOnce(settings.strategy(), settings.finishedRetention()),
                        TypeInformation.of(StrategyDecision.class))
                .uid(PitwallUids.PROVISIONAL_STRATEGY)
                .name("Provisional strategy calls")
                .setBufferTimeout(0);
    }

    /**
     * Provisional alert candidates: each car's conditions per second from its samples in arrival
     * order, and the CEP rules in processing time, applying each condition as it comes (see {@link
     * #matches}), the slow puncture in its form without {@code within} (which would count
     * wall-clock time there: {@link AnomalyPatterns#slowPunctureWithoutWindow}). Dropouts are left
     * out: silence is told by the watermark. No alert lifecycle: each match goes out as it is made,
     * with status {@code PROVISIONAL} and the id an alert opened by it would have (the final
     * alert's, unless an alert of its type was still open for the car); the final alerts stay the
     * record.
     */
    static DataStream<Alert> alertsAtOnce(
            KeyedStream<Telemetry, Integer> arrived, PitwallSettings settings) {
        List<AnomalyPatterns.Rule> rules =
                AnomalyPatterns.rulesWithoutWindows(settings.thresholds());
        DataStream<Alert> candidates =
                matches(
                        conditions(
                                arrived,
                                ConditionSampler.provisional(settings.finishedRetention()),
                                PitwallUids.PROVISIONAL_CONDITIONS,
                                "Provisional car condition per second"),
                        rules,
                        true);
        return candidates
                .map(
                        a -> {
                            a.status = PROVISIONAL_STATUS;
                            a.alertId = Alert.idOf(a.raceId, a.car, a.type, a.startTs);
                            return a;
                        },
                        TypeInformation.of(Alert.class))
                .uid(PitwallUids.PROVISIONAL_ALERTS)
                .name("Provisional alerts")
                .setBufferTimeout(0);
    }

    /** Each car's conditions per second from {@code sampler}, state written behind. */
    private static SingleOutputStreamOperator<CarCondition> conditions(
            KeyedStream<Telemetry, Integer> byCar,
            ConditionSampler sampler,
            String uid,
            String name) {
        return byCar.transform(
                        name,
                        TypeInformation.of(CarCondition.class),
                        new WriteBehindProcessOperator<>(sampler))
                .uid(uid)
                .name(name);
    }

    /**
     * The matches of {@code rules} on each car's conditions, one CEP operator a rule, under the
     * final or the {@code provisional} uids and names.
     *
     * <p>Each car's conditions arrive in event-time order (the final ones are made from the ordered
     * samples, each before the watermark that passes it), so a rule of consecutive seconds runs in
     * processing time, where CEP applies each condition as it arrives: the same matches as in event
     * time, at the same place among the watermarks, without writing each condition to keyed state
     * with a timer until the watermark passes it (on RocksDB, each of those timers seeks through
     * the queue's deleted entries). The matches are then stamped with the event time of the
     * condition that completed them, as CEP in event time stamps them. A rule bounded in time
     * ({@code within}) runs in event time, on the conditions that can take part in its matches
     * only.
     */
    private static DataStream<Alert> matches(
            SingleOutputStreamOperator<CarCondition> conditions,
            List<AnomalyPatterns.Rule> rules,
            boolean provisional) {
        KeyedStream<CarCondition, Integer> byCar =
                DataStreamUtils.reinterpretAsKeyedStream(conditions, c -> c.car);
        TypeInformation<Alert> alertType = TypeInformation.of(Alert.class);
        DataStream<Alert> all = null;
        for (AnomalyPatterns.Rule rule : rules) {
            String type = rule.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
            String uid =
                    (provisional ? PitwallUids.PROVISIONAL_CEP_PREFIX : PitwallUids.CEP_PREFIX)
                            + type;
            String name = (provisional ? "Provisional CEP " : "CEP ") + type;
            SingleOutputStreamOperator<Alert> matches;
            if (rule.bounded()) {
                KeyedStream<CarCondition, Integer> input =
                        rule.relevant() == null
                                ? byCar
                                : DataStreamUtils.reinterpretAsKeyedStream(
                                        conditions
                                                .filter(rule.relevant())
                                                .uid(uid + PitwallUids.CEP_INPUT_SUFFIX)
                                                .name(name + " input"),
                                        c -> c.car);
                matches =
                        CEP.pattern(input, rule.pattern())
                                .inEventTime()
                                .process(rule.toAlert(), alertType)
                                .uid(uid)
                                .name(name);
            } else {
                matches =
                        OrderedCep.matches(
                                byCar,
                                rule.pattern(),
                                rule.toAlert(),
                                c -> c.closedTs,
                                alertType,
                                uid,
                                name);
            }
            if (provisional) {
                matches.setBufferTimeout(0);
            }
            all = all == null ? matches : all.union(matches);
        }
        return all;
    }

    /** The status of a provisional alert: a rule's match, before the watermark confirms it. */
    public static final String PROVISIONAL_STATUS = "PROVISIONAL";

    /**
     * The longest span of a rule's match: its {@code within}, and at least a minute for the rules
     * that count consecutive seconds.
     */
    static Duration matchSpan(List<AnomalyPatterns.Rule> rules) {
        Duration span = Duration.ofMinutes(1);
        for (AnomalyPatterns.Rule rule : rules) {
            Duration within = rule.pattern().getWindowSize().orElse(Duration.ZERO);
            span = within.compareTo(span) > 0 ? within : span;
        }
        return span;
    }

    static DataStream<Alert> alerts(
            KeyedStream<Telemetry, Integer> byCar, PitwallSettings settings) {
        SingleOutputStreamOperator<CarCondition> conditions =
                conditions(
                        byCar,
                        new ConditionSampler(settings.silence(), settings.finishedRetention()),
                        PitwallUids.CONDITIONS,
                        "Car condition per second");
        List<AnomalyPatterns.Rule> rules = AnomalyPatterns.rules(settings.thresholds());
        DataStream<Alert> candidates =
                conditions
                        .getSideOutput(ConditionSampler.DROPOUTS)
                        .union(matches(conditions, rules, false));
        // Candidates reach the tracker from five operators whose records and watermarks
        // interleave differently on every run; the tracker merges, opens and closes alerts by
        // comparing a candidate with its timers, so it sees them in event-time order, each
        // before the watermark that passes it: the same alerts on every run.
        SingleOutputStreamOperator<Alert> ordered =
                candidates
                        .keyBy(a -> a.car)
                        .transform(
                                "Order alert candidates by event time",
                                TypeInformation.of(Alert.class),
                                new BufferedEventTimeOrdering<Integer, Alert>(
                                        TypeInformation.of(Alert.class),
                                        LATE_CANDIDATES,
                                        a -> a)) // every candidate counts, none is a duplicate
                        .uid(PitwallUids.ALERT_CANDIDATE_ORDERING)
                        .name("Order alert candidates by event time");
        // A candidate behind the watermark (none is expected) is still tracked, as before.
        return ordered.union(ordered.getSideOutput(LATE_CANDIDATES))
                .keyBy(a -> a.car)
                .process(new AlertTracker(settings.alertMergeGap(), matchSpan(rules)))
                .uid(PitwallUids.ALERT_TRACKER)
                .name("Alert lifecycle");
    }
}
