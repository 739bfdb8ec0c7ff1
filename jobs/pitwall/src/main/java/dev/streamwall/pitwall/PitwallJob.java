package dev.streamwall.pitwall;

import dev.streamwall.common.job.JobMain;
import dev.streamwall.common.job.StreamwallJob;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.KafkaInput;
import dev.streamwall.common.sink.Output;
import dev.streamwall.common.sink.Outputs;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.functions.LapTimingDecoder;
import dev.streamwall.pitwall.functions.TelemetryDecoder;
import dev.streamwall.pitwall.records.LapTiming;
import dev.streamwall.pitwall.types.TelemetryType;
import dev.streamwall.pitwall.workflow.PitwallSettings;
import dev.streamwall.pitwall.workflow.PitwallTables;
import dev.streamwall.pitwall.workflow.PitwallUids;
import dev.streamwall.pitwall.workflow.PitwallWorkflow;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The pitwall job: telemetry (or recorded lap timing) from Kafka, the {@link PitwallWorkflow}, and
 * its outputs to PostgreSQL and Kafka.
 */
public final class PitwallJob implements StreamwallJob<PitwallOptions> {

    public static void main(String[] args) throws Exception {
        JobMain.run(new PitwallJob(), args);
    }

    @Override
    public String name() {
        return PitwallUids.JOB;
    }

    @Override
    public PitwallOptions newOptions() {
        return new PitwallOptions();
    }

    @Override
    public void check(PitwallOptions options) {
        if (options.telemetryDecimation < 1) {
            throw new IllegalArgumentException(
                    "--telemetry-decimation must be at least 1, got "
                            + options.telemetryDecimation);
        }
    }

    /** The graph's settings from the options. */
    static PitwallSettings settings(PitwallOptions o) {
        PitwallSettings defaults = PitwallSettings.defaults(o.carSet());
        return defaults.withTelemetryDecimation(o.telemetryDecimation)
                .withSilence(o.dropoutAfter)
                .withProvisional(provisional(o))
                .withStrategy(
                        defaults.strategy()
                                .withPitWindowLaps(o.pitWindowLaps)
                                .withPitLossSeconds(o.pitLoss.toMillis() / 1000.0));
    }

    /** Which provisional results the topics given ask for. */
    static PitwallSettings.Provisional provisional(PitwallOptions o) {
        if (o.provisionalAlertsTopic != null) {
            return PitwallSettings.Provisional.LAPS_CALLS_AND_ALERTS;
        }
        return o.provisionalLapsTopic != null || o.provisionalCallsTopic != null
                ? PitwallSettings.Provisional.LAPS_AND_CALLS
                : PitwallSettings.Provisional.NONE;
    }

    /** The telemetry source's decoding half: topic, uid and name are the caller's. */
    public static KafkaInput<Telemetry> telemetryInput(Set<Integer> cars) {
        return KafkaInput.of(new TelemetryDecoder(cars), TelemetryType.DECODED);
    }

    @Override
    public void define(StreamExecutionEnvironment env, PitwallOptions o) {
        PitwallWorkflow.Outputs out;
        if (o.input == PitwallOptions.Input.TELEMETRY) {
            DataStream<Decoded<Telemetry>> telemetry =
                    telemetryInput(o.carSet())
                            .topic(o.telemetryTopic)
                            .uid(PitwallUids.TELEMETRY_SOURCE)
                            .name("Kafka telemetry")
                            .read(env, o.kafka, name());
            out = PitwallWorkflow.define(telemetry, settings(o));
        } else {
            DataStream<Decoded<LapTiming>> laps =
                    KafkaInput.of(
                                    new LapTimingDecoder(o.carSet()),
                                    new TypeHint<Decoded<LapTiming>>() {}.getTypeInfo())
                            .topic(o.lapsInputTopic)
                            .groupSuffix("-laps")
                            .uid(PitwallUids.LAPS_SOURCE)
                            .name("Kafka lap timing")
                            .read(env, o.kafka, name());
            out = PitwallWorkflow.defineFromLaps(laps, settings(o));
        }
        Outputs.attach(
                name(),
                o.targets(),
                List.of(
                        Output.table(
                                out.telemetry(),
                                PitwallUids.SINK_TELEMETRY_JDBC,
                                PitwallTables.TELEMETRY),
                        Output.table(out.laps(), PitwallUids.SINK_LAPS_JDBC, PitwallTables.LAPS),
                        Output.table(
                                out.outlook(),
                                PitwallUids.SINK_OUTLOOK_JDBC,
                                PitwallTables.OUTLOOK),
                        Output.table(
                                out.decisions(),
                                PitwallUids.SINK_DECISIONS_JDBC,
                                PitwallTables.DECISIONS),
                        Output.table(
                                out.alerts(), PitwallUids.SINK_ALERTS_JDBC, PitwallTables.ALERTS),
                        Output.deadLetters(out.deadLetters(), o.deadLetterTopic),
                        Output.late(
                                out.late(), o.lateTopic, t -> Integer.toString(t.car), "telemetry"),
                        // Recorded lap timing: a lap behind the watermark goes to the same topic.
                        Output.late(
                                out.lateLaps(), o.lateTopic, l -> Integer.toString(l.car), "laps"),
                        Output.topic(
                                out.laps(),
                                PitwallUids.SINK_LAPS_KAFKA,
                                "laps",
                                o.lapsTopic,
                                l -> Integer.toString(l.car)),
                        Output.topic(
                                        o.provisionalLapsTopic == null
                                                ? null
                                                : out.provisionalLaps(),
                                        PitwallUids.SINK_PROVISIONAL_LAPS_KAFKA,
                                        "provisional-laps",
                                        o.provisionalLapsTopic,
                                        l -> Integer.toString(l.car))
                                .sentAtOnce(),
                        Output.topic(
                                        o.provisionalCallsTopic == null
                                                ? null
                                                : out.provisionalDecisions(),
                                        PitwallUids.SINK_PROVISIONAL_DECISIONS_KAFKA,
                                        "provisional-calls",
                                        o.provisionalCallsTopic,
                                        d -> Integer.toString(d.car))
                                .sentAtOnce(),
                        Output.topic(
                                        o.provisionalAlertsTopic == null
                                                ? null
                                                : out.provisionalAlerts(),
                                        PitwallUids.SINK_PROVISIONAL_ALERTS_KAFKA,
                                        "provisional-alerts",
                                        o.provisionalAlertsTopic,
                                        a -> a.alertId)
                                .sentAtOnce(),
                        Output.topic(
                                out.decisions(),
                                PitwallUids.SINK_DECISIONS_KAFKA,
                                "decisions",
                                o.decisionsTopic,
                                d -> Integer.toString(d.car)),
                        Output.topic(
                                out.alerts(),
                                PitwallUids.SINK_ALERTS_KAFKA,
                                "alerts",
                                o.alertsTopic,
                                a -> a.alertId)));
    }

    @Override
    public Map<String, String> parameters(PitwallOptions o) {
        return Map.of(
                "input", o.input.name(),
                "telemetry-topic", o.telemetryTopic,
                "cars", o.cars.toString(),
                "telemetry-decimation", Integer.toString(o.telemetryDecimation),
                "pit-window-laps", Integer.toString(o.pitWindowLaps),
                "pit-loss", o.pitLoss.toString(),
                "provisional-laps-topic", String.valueOf(o.provisionalLapsTopic),
                "provisional-calls-topic", String.valueOf(o.provisionalCallsTopic),
                "provisional-alerts-topic", String.valueOf(o.provisionalAlertsTopic));
    }
}
