package dev.streamwall.pitwall.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.cep.OrderedCep;
import dev.streamwall.common.job.JobMain;
import dev.streamwall.embedded.OperatorUidManifest;
import dev.streamwall.pitwall.PitwallJob;
import dev.streamwall.pitwall.PitwallOptions;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every operator of the real job graph has a stable uid of ours, and the uids match the committed
 * {@code operator-uids.txt}, so savepoints keep mapping onto the job.
 */
class PitwallUidsTest {

    private static StreamGraph graph(String... args) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PitwallOptions options = JobMain.parse(new PitwallJob(), args);
        JobMain.build(new PitwallJob(), env, options);
        return env.getStreamGraph();
    }

    /** Sink V2 committers take a uid Flink derives from ours ("Sink Committer: pitwall-..."). */
    @ParameterizedTest
    @ValueSource(strings = {"TELEMETRY", "LAPS"})
    void everyOperatorHasAPitwallUid(String input) {
        List<StreamNode> nodes =
                List.copyOf(
                        graph("--input", input, "--telemetry-decimation", "10").getStreamNodes());
        assertThat(nodes).isNotEmpty();
        assertThat(nodes)
                .allSatisfy(
                        n ->
                                assertThat(n.getTransformationUID())
                                        .as("uid of %s", n.getOperatorName())
                                        .contains("pitwall-"));
    }

    @Test
    void provisionalLapsAndCallsHaveUidsOfTheirOwn() {
        List<StreamNode> nodes =
                List.copyOf(
                        graph(
                                        "--provisional-laps-topic",
                                        "f1.laps.provisional",
                                        "--provisional-calls-topic",
                                        "f1.decisions.provisional",
                                        "--provisional-alerts-topic",
                                        "f1.alerts.provisional")
                                .getStreamNodes());
        assertThat(nodes)
                .extracting(StreamNode::getTransformationUID)
                .contains(
                        PitwallUids.PROVISIONAL_LAPS,
                        PitwallUids.SINK_PROVISIONAL_LAPS_KAFKA,
                        PitwallUids.PROVISIONAL_FIELD,
                        PitwallUids.PROVISIONAL_STRATEGY,
                        PitwallUids.SINK_PROVISIONAL_DECISIONS_KAFKA,
                        PitwallUids.PROVISIONAL_CONDITIONS,
                        PitwallUids.PROVISIONAL_CEP_PREFIX + "engine-overheat",
                        PitwallUids.PROVISIONAL_CEP_PREFIX + "slow-puncture",
                        PitwallUids.PROVISIONAL_CEP_PREFIX
                                + "slow-puncture"
                                + OrderedCep.EVENT_TIME_SUFFIX,
                        PitwallUids.PROVISIONAL_ALERTS,
                        PitwallUids.SINK_PROVISIONAL_ALERTS_KAFKA)
                .allSatisfy(uid -> assertThat(uid).contains("pitwall-"));
        // Calls alone: the provisional laps are made for them, but not written.
        assertThat(
                        List.copyOf(
                                graph("--provisional-calls-topic", "f1.decisions.provisional")
                                        .getStreamNodes()))
                .extracting(StreamNode::getTransformationUID)
                .contains(
                        PitwallUids.PROVISIONAL_LAPS, PitwallUids.SINK_PROVISIONAL_DECISIONS_KAFKA)
                .doesNotContain(PitwallUids.SINK_PROVISIONAL_LAPS_KAFKA);
    }

    @Test
    void theUidsAreTheCommittedOnes() {
        List<OperatorUidManifest.Entry> actual =
                OperatorUidManifest.of(
                        List.of(
                                graph("--input", "TELEMETRY", "--telemetry-decimation", "10"),
                                graph("--input", "LAPS")));
        assertThat(actual)
                .extracting(OperatorUidManifest.Entry::uid)
                .contains(
                        PitwallUids.TELEMETRY_SOURCE,
                        PitwallUids.ORDERING,
                        PitwallUids.LAP_AGGREGATOR,
                        PitwallUids.STRATEGY,
                        PitwallUids.CONDITIONS,
                        PitwallUids.ALERT_TRACKER,
                        PitwallUids.CEP_PREFIX + "brake-overheat",
                        PitwallUids.CEP_PREFIX + "slow-puncture");
        assertThat(OperatorUidManifest.check(Path.of("operator-uids.txt"), actual))
                .as(
                        "operator uids differ from jobs/pitwall/operator-uids.txt; if deliberate,"
                                + " rerun with -D%s=true and commit the file",
                        OperatorUidManifest.UPDATE_PROPERTY)
                .isEmpty();
    }
}
