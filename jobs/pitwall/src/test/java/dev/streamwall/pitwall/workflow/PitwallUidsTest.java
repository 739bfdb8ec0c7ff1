package dev.streamwall.pitwall.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.pitwall.PitwallJob;
import dev.streamwall.pitwall.PitwallOptions;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every operator of the real job graph has a stable uid of ours, so savepoints map onto it. */
class PitwallUidsTest {

    private static List<StreamNode> nodes(String... args) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PitwallOptions options = PitwallJob.parse(args);
        PitwallJob.build(env, options);
        return List.copyOf(env.getStreamGraph().getStreamNodes());
    }

    /** Sink V2 committers take a uid Flink derives from ours ("Sink Committer: pitwall-..."). */
    @ParameterizedTest
    @ValueSource(strings = {"TELEMETRY", "LAPS"})
    void everyOperatorHasAPitwallUid(String input) {
        List<StreamNode> nodes = nodes("--input", input, "--telemetry-decimation", "10");
        assertThat(nodes).isNotEmpty();
        assertThat(nodes)
                .allSatisfy(
                        n ->
                                assertThat(n.getTransformationUID())
                                        .as("uid of %s", n.getOperatorName())
                                        .contains("pitwall-"));
    }

    @Test
    void theStatefulOperatorsKeepTheirUids() {
        assertThat(nodes())
                .extracting(StreamNode::getTransformationUID)
                .contains(
                        PitwallUids.TELEMETRY_SOURCE,
                        PitwallUids.ORDERING,
                        PitwallUids.LAP_AGGREGATOR,
                        PitwallUids.STRATEGY,
                        PitwallUids.CONDITIONS,
                        PitwallUids.ALERT_TRACKER,
                        PitwallUids.CEP_PREFIX + "brake-overheat",
                        PitwallUids.CEP_PREFIX + "slow-puncture");
    }
}
