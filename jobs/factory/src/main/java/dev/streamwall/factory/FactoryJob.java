package dev.streamwall.factory;

import dev.streamwall.common.job.JobMain;
import dev.streamwall.common.job.StreamwallJob;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.KafkaInput;
import dev.streamwall.common.sink.Output;
import dev.streamwall.common.sink.Outputs;
import dev.streamwall.factory.functions.ReadingDecoder;
import dev.streamwall.factory.functions.SensorLimits;
import dev.streamwall.factory.workflow.FactorySettings;
import dev.streamwall.factory.workflow.FactoryTables;
import dev.streamwall.factory.workflow.FactoryUids;
import dev.streamwall.factory.workflow.FactoryWorkflow;
import dev.streamwall.generators.factory.SensorReading;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The factory job: machine sensor readings from Kafka, the {@link FactoryWorkflow}, and its outputs
 * to PostgreSQL and Kafka.
 */
public final class FactoryJob implements StreamwallJob<FactoryOptions> {

    public static void main(String[] args) throws Exception {
        JobMain.run(new FactoryJob(), args);
    }

    @Override
    public String name() {
        return FactoryUids.JOB;
    }

    @Override
    public FactoryOptions newOptions() {
        return new FactoryOptions();
    }

    @Override
    public void check(FactoryOptions options) {
        if (options.readingsDecimation < 1) {
            throw new IllegalArgumentException(
                    "--readings-decimation must be at least 1, got " + options.readingsDecimation);
        }
        SensorLimits.parse(options.sensorLimits);
        if (options.stuckAfter < 2) {
            throw new IllegalArgumentException(
                    "--stuck-after must be at least 2, got " + options.stuckAfter);
        }
        if (options.statsSlide.isZero()
                || options.statsWindow.toMillis() % options.statsSlide.toMillis() != 0) {
            throw new IllegalArgumentException(
                    "--stats-window must be a multiple of --stats-slide, got "
                            + options.statsWindow
                            + " and "
                            + options.statsSlide);
        }
    }

    /** The graph's settings from the options. */
    public static FactorySettings settings(FactoryOptions o) {
        FactorySettings d = FactorySettings.defaults();
        return d.withSensors(o.sensorSet())
                .withScoring(
                        d.scoring().toBuilder()
                                .learningSamples(o.learning)
                                .idleRetention(o.idleRetention)
                                .stuckRun(o.stuckAfter)
                                .patience(o.patience)
                                .build())
                .withStatsWindow(o.statsWindow, o.statsSlide)
                .withReadingsDecimation(o.readingsDecimation)
                .withProvisionalAlerts(o.provisionalAlertsTopic != null);
    }

    @Override
    public void define(StreamExecutionEnvironment env, FactoryOptions o) {
        DataStream<Decoded<SensorReading>> readings =
                KafkaInput.of(
                                new ReadingDecoder(
                                        o.sensorSet(), SensorLimits.parse(o.sensorLimits)),
                                new TypeHint<Decoded<SensorReading>>() {}.getTypeInfo())
                        .topic(o.readingsTopic)
                        .uid(FactoryUids.READINGS_SOURCE)
                        .name("Kafka readings")
                        .read(env, o.kafka, name());
        FactoryWorkflow.Outputs out = FactoryWorkflow.define(readings, settings(o));
        Outputs.attach(
                name(),
                o.targets(),
                List.of(
                        Output.table(
                                out.readings(),
                                FactoryUids.SINK_READINGS_JDBC,
                                FactoryTables.SENSOR_READINGS),
                        Output.table(
                                out.anomalies(),
                                FactoryUids.SINK_ANOMALIES_JDBC,
                                FactoryTables.ANOMALIES),
                        Output.table(
                                out.alerts(), FactoryUids.SINK_ALERTS_JDBC, FactoryTables.ALERTS),
                        Output.table(out.stats(), FactoryUids.SINK_STATS_JDBC, FactoryTables.STATS),
                        Output.deadLetters(out.deadLetters(), o.deadLetterTopic),
                        Output.late(out.late(), o.lateTopic, r -> r.machine, "readings"),
                        Output.topic(
                                out.anomalies(),
                                FactoryUids.SINK_ANOMALIES_KAFKA,
                                "anomalies",
                                o.anomaliesTopic,
                                a -> a.machine),
                        Output.topic(
                                out.alerts(),
                                FactoryUids.SINK_ALERTS_KAFKA,
                                "alerts",
                                o.alertsTopic,
                                a -> a.machine),
                        Output.topic(
                                        out.provisionalAlerts(),
                                        FactoryUids.SINK_PROVISIONAL_ALERTS_KAFKA,
                                        "provisional-alerts",
                                        o.provisionalAlertsTopic,
                                        a -> a.machine)
                                .sentAtOnce()));
    }

    @Override
    public Map<String, String> parameters(FactoryOptions o) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("readings-topic", o.readingsTopic);
        p.put("sensors", String.join(",", o.sensors));
        p.put("learning", Integer.toString(o.learning));
        p.put("idle-retention", o.idleRetention.toString());
        p.put("stuck-after", Integer.toString(o.stuckAfter));
        p.put("sensor-limits", o.sensorLimits);
        p.put("stats-window", o.statsWindow.toString());
        p.put("stats-slide", o.statsSlide.toString());
        p.put("readings-decimation", Integer.toString(o.readingsDecimation));
        return p;
    }
}
