package dev.streamwall.factory.workflow;

import dev.streamwall.common.functions.EveryNth;
import dev.streamwall.common.kafka.DeadLetterSplitter;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.records.DeadLetter;
import dev.streamwall.common.state.WriteBehindProcessOperator;
import dev.streamwall.common.time.BufferedEventTimeOrdering;
import dev.streamwall.factory.functions.anomaly.AlertTracker;
import dev.streamwall.factory.functions.anomaly.MachineRules;
import dev.streamwall.factory.functions.scoring.SensorScorer;
import dev.streamwall.factory.functions.stats.SensorStatsAggregate;
import dev.streamwall.factory.records.Anomaly;
import dev.streamwall.factory.records.MaintenanceAlert;
import dev.streamwall.factory.records.ScoredReading;
import dev.streamwall.factory.records.SensorStats;
import dev.streamwall.generators.factory.SensorReading;
import java.util.Locale;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The factory job graph, as a function of its decoded input: readings in event-time order per
 * machine sensor are scored against the sensor's adaptive statistics; anomaly episodes feed the CEP
 * rules per machine and the alert lifecycle; sliding windows give per-sensor statistics. Sources
 * and sinks are attached by the caller, so tests can run the same graph on bounded input.
 */
public final class FactoryWorkflow {

    public static final OutputTag<SensorReading> LATE_READINGS =
            new OutputTag<>("late-readings") {};

    /** The streams the graph produces; each is sunk by {@link FactorySinks} or collected. */
    public record Outputs(
            DataStream<ScoredReading> readings,
            DataStream<Anomaly> anomalies,
            DataStream<MaintenanceAlert> alerts,
            DataStream<SensorStats> stats,
            DataStream<DeadLetter> deadLetters,
            DataStream<SensorReading> late,
            DataStream<MaintenanceAlert> provisionalAlerts) {}

    /** How long readings may wait in a network buffer when provisional alerts are on. */
    static final long PROVISIONAL_BUFFER_TIMEOUT_MS = 5;

    private FactoryWorkflow() {}

    /** Readings with timestamps and watermarks already assigned (by the source). */
    public static Outputs define(
            DataStream<Decoded<SensorReading>> decoded, FactorySettings settings) {
        SingleOutputStreamOperator<SensorReading> valid =
                decoded.process(
                                new DeadLetterSplitter<SensorReading>(),
                                TypeInformation.of(SensorReading.class))
                        .uid(FactoryUids.DECODE)
                        .name("Decode and dead-letter readings");
        DataStream<DeadLetter> deadLetters = valid.getSideOutput(DeadLetterSplitter.DEAD_LETTERS);

        SingleOutputStreamOperator<SensorReading> ordered =
                valid.keyBy(SensorReading::sensorKey)
                        .transform(
                                "Order readings by event time",
                                TypeInformation.of(SensorReading.class),
                                new BufferedEventTimeOrdering<String, SensorReading>(
                                        TypeInformation.of(SensorReading.class),
                                        LATE_READINGS,
                                        // An exact repeat is a delivery duplicate (dropped and
                                        // counted); another value at the same time is scored too.
                                        r -> r.value))
                        .uid(FactoryUids.ORDERING)
                        .name("Order readings by event time");
        DataStream<SensorReading> late = ordered.getSideOutput(LATE_READINGS);

        // Already partitioned by machine sensor: no second shuffle, and each sensor's order stays.
        KeyedStream<SensorReading, String> bySensor =
                DataStreamUtils.reinterpretAsKeyedStream(ordered, SensorReading::sensorKey);
        SingleOutputStreamOperator<ScoredReading> scored =
                bySensor.transform(
                                "Score readings per machine sensor",
                                TypeInformation.of(ScoredReading.class),
                                // Each sensor's model in memory, written to the state backend
                                // before each checkpoint instead of at every reading.
                                new WriteBehindProcessOperator<>(
                                        new SensorScorer(settings.scoring())))
                        .uid(FactoryUids.SCORER)
                        .name("Score readings per machine sensor");
        DataStream<Anomaly> anomalies = scored.getSideOutput(SensorScorer.ANOMALIES);

        DataStream<SensorStats> stats =
                DataStreamUtils.reinterpretAsKeyedStream(scored, ScoredReading::sensorKey)
                        .window(
                                SlidingEventTimeWindows.of(
                                        settings.statsWindow(), settings.statsSlide()))
                        .aggregate(
                                new SensorStatsAggregate(),
                                new SensorStatsAggregate.ToStats(),
                                TypeInformation.of(SensorStatsAggregate.Acc.class),
                                TypeInformation.of(SensorStatsAggregate.Acc.class),
                                TypeInformation.of(SensorStats.class))
                        .uid(FactoryUids.STATS_WINDOW)
                        .name("Sensor statistics per sliding window");

        DataStream<MaintenanceAlert> alerts = alerts(anomalies, settings);

        DataStream<ScoredReading> stored =
                settings.readingsDecimation() <= 1
                        ? scored
                        : DataStreamUtils.reinterpretAsKeyedStream(scored, ScoredReading::sensorKey)
                                .process(
                                        new EveryNth<String, ScoredReading>(
                                                settings.readingsDecimation()),
                                        TypeInformation.of(ScoredReading.class))
                                .uid(FactoryUids.DECIMATOR)
                                .name("Decimate readings 1:" + settings.readingsDecimation());
        DataStream<MaintenanceAlert> provisional =
                settings.provisionalAlerts() ? provisionalAlerts(valid, settings) : null;
        return new Outputs(stored, anomalies, alerts, stats, deadLetters, late, provisional);
    }

    /**
     * Provisional alerts, for consumers who want them at once rather than when the watermark passes
     * the reading: each sensor's readings scored in arrival order by a scorer with state of its own
     * ({@link SensorScorer#provisional}), and the rules of one episode matched in processing time
     * as the episodes arrive (an episode is all those rules look at, so the order in which two
     * sensors' episodes meet does not matter). Each match goes out with status PROVISIONAL and the
     * id of the alert it opens when it opens one (the final tracker names an alert after the match
     * that opens it); a match that extends an open alert carries an id no final alert has. The
     * predictive-maintenance rule, which pairs two sensors' episodes within a time bound, waits for
     * the final alerts.
     */
    static DataStream<MaintenanceAlert> provisionalAlerts(
            DataStream<SensorReading> arrived, FactorySettings settings) {
        arrived.getTransformation().setBufferTimeout(PROVISIONAL_BUFFER_TIMEOUT_MS);
        SingleOutputStreamOperator<ScoredReading> scored =
                arrived.keyBy(SensorReading::sensorKey)
                        .transform(
                                "Provisional scores per machine sensor",
                                TypeInformation.of(ScoredReading.class),
                                new WriteBehindProcessOperator<>(
                                        SensorScorer.provisional(settings.scoring())))
                        .uid(FactoryUids.PROVISIONAL_SCORER)
                        .name("Provisional scores per machine sensor")
                        .setBufferTimeout(0);
        KeyedStream<Anomaly, String> byMachine =
                scored.getSideOutput(SensorScorer.ANOMALIES).keyBy(a -> a.machine);
        DataStream<MaintenanceAlert> matches = null;
        for (MachineRules.Rule rule : MachineRules.rules(settings.thresholds())) {
            if (MaintenanceAlert.PREDICTIVE_MAINTENANCE.equals(rule.type())) {
                continue;
            }
            String type = rule.type().toLowerCase(Locale.ROOT).replace('_', '-');
            DataStream<MaintenanceAlert> m =
                    CEP.pattern(byMachine, rule.pattern())
                            .inProcessingTime()
                            .process(rule.toAlert(), TypeInformation.of(MaintenanceAlert.class))
                            .uid(FactoryUids.CEP_PROVISIONAL_PREFIX + type)
                            .name("Provisional CEP " + type)
                            // The matches meet in one operator, over the network: at once.
                            .setBufferTimeout(0);
            matches = matches == null ? m : matches.union(m);
        }
        return matches.map(new AsProvisional())
                .uid(FactoryUids.PROVISIONAL_ALERTS)
                .name("Provisional alerts");
    }

    /** A rule's match as a provisional alert, under the id of the alert it would open. */
    static final class AsProvisional implements MapFunction<MaintenanceAlert, MaintenanceAlert> {
        private static final long serialVersionUID = 1L;

        @Override
        public MaintenanceAlert map(MaintenanceAlert match) {
            match.alertId =
                    MaintenanceAlert.idOf(match.machine, match.type, match.sensor, match.raisedTs);
            match.status = MaintenanceAlert.PROVISIONAL;
            return match;
        }
    }

    static DataStream<MaintenanceAlert> alerts(
            DataStream<Anomaly> anomalies, FactorySettings settings) {
        KeyedStream<Anomaly, String> byMachine = anomalies.keyBy(a -> a.machine);
        DataStream<MaintenanceAlert> candidates = null;
        for (MachineRules.Rule rule : MachineRules.rules(settings.thresholds())) {
            String type = rule.type().toLowerCase(Locale.ROOT).replace('_', '-');
            DataStream<MaintenanceAlert> matches =
                    CEP.pattern(byMachine, rule.pattern())
                            .inEventTime()
                            .process(rule.toAlert(), TypeInformation.of(MaintenanceAlert.class))
                            .uid(FactoryUids.CEP_PREFIX + type)
                            .name("CEP " + type);
            candidates = candidates == null ? matches : candidates.union(matches);
        }
        return candidates
                .keyBy(a -> a.machine)
                .process(new AlertTracker(settings.alertMergeGap()))
                .uid(FactoryUids.ALERT_TRACKER)
                .name("Alert lifecycle");
    }
}
