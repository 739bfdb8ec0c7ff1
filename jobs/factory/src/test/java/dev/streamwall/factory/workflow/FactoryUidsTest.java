package dev.streamwall.factory.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.job.JobMain;
import dev.streamwall.embedded.OperatorUidManifest;
import dev.streamwall.factory.FactoryJob;
import dev.streamwall.factory.FactoryOptions;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** Every operator of the real job graph has a stable uid of ours, so savepoints map onto it. */
class FactoryUidsTest {

    private static List<StreamNode> nodes(String... args) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FactoryOptions options = JobMain.parse(new FactoryJob(), args);
        JobMain.build(new FactoryJob(), env, options);
        return List.copyOf(env.getStreamGraph().getStreamNodes());
    }

    @Test
    void everyOperatorHasAFactoryUidAndAName() {
        List<StreamNode> nodes = nodes("--readings-decimation", "10");
        assertThat(nodes).hasSizeGreaterThan(15);
        assertThat(nodes)
                .allSatisfy(
                        n -> {
                            assertThat(n.getTransformationUID())
                                    .as("uid of %s", n.getOperatorName())
                                    .contains("factory-");
                            assertThat(n.getOperatorName()).isNotBlank();
                        });
    }

    @Test
    void theStatefulOperatorsKeepTheirUids() {
        assertThat(nodes())
                .extracting(StreamNode::getTransformationUID)
                .contains(
                        FactoryUids.READINGS_SOURCE,
                        FactoryUids.ORDERING,
                        FactoryUids.SCORER,
                        FactoryUids.STATS_WINDOW,
                        FactoryUids.ALERT_TRACKER,
                        FactoryUids.CEP_PREFIX + "predictive-maintenance",
                        FactoryUids.CEP_PREFIX + "overheating",
                        FactoryUids.CEP_PREFIX + "pressure-leak",
                        FactoryUids.CEP_PREFIX + "stuck-sensor");
    }

    @Test
    void provisionalAlertsHaveUidsOfTheirOwn() {
        List<String> with =
                nodes("--provisional-alerts-topic", "factory.alerts.provisional").stream()
                        .map(StreamNode::getTransformationUID)
                        .toList();
        assertThat(with)
                .contains(
                        FactoryUids.PROVISIONAL_SCORER,
                        FactoryUids.CEP_PROVISIONAL_PREFIX + "overheating",
                        FactoryUids.CEP_PROVISIONAL_PREFIX + "anomaly",
                        FactoryUids.PROVISIONAL_ALERTS,
                        FactoryUids.SINK_PROVISIONAL_ALERTS_KAFKA)
                .doesNotContain(FactoryUids.CEP_PROVISIONAL_PREFIX + "predictive-maintenance")
                .allSatisfy(uid -> assertThat(uid).contains("factory-"));
        assertThat(nodes())
                .extracting(StreamNode::getTransformationUID)
                .doesNotContain(FactoryUids.PROVISIONAL_SCORER, FactoryUids.PROVISIONAL_ALERTS);
    }

    @Test
    void theUidsAreTheCommittedOnes() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobMain.build(
                new FactoryJob(),
                env,
                JobMain.parse(new FactoryJob(), "--readings-decimation", "10"));
        List<OperatorUidManifest.Entry> actual =
                OperatorUidManifest.of(List.of(env.getStreamGraph()));
        assertThat(OperatorUidManifest.check(Path.of("operator-uids.txt"), actual))
                .as(
                        "operator uids differ from jobs/factory/operator-uids.txt; if deliberate,"
                                + " rerun with -D%s=true and commit the file",
                        OperatorUidManifest.UPDATE_PROPERTY)
                .isEmpty();
    }
}
