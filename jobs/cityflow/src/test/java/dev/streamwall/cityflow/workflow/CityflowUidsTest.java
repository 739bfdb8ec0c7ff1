package dev.streamwall.cityflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.CityflowJob;
import dev.streamwall.common.job.JobMain;
import dev.streamwall.embedded.OperatorUidManifest;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** Every operator of the real job graph has a stable uid of ours, so savepoints map onto it. */
class CityflowUidsTest {

    private static StreamExecutionEnvironment built(String... args) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobMain.build(new CityflowJob(), env, JobMain.parse(new CityflowJob(), args));
        return env;
    }

    private static List<StreamNode> nodes(String... args) {
        return List.copyOf(built(args).getStreamGraph().getStreamNodes());
    }

    @Test
    void everyOperatorHasACityflowUidAndAName() {
        List<StreamNode> nodes = nodes("--no-initial-graph", "--readings-decimation", "10");
        assertThat(nodes).hasSizeGreaterThan(20);
        assertThat(nodes)
                .allSatisfy(
                        n -> {
                            assertThat(n.getTransformationUID())
                                    .as("uid of %s", n.getOperatorName())
                                    .contains("cityflow-");
                            assertThat(n.getOperatorName()).isNotBlank();
                        });
    }

    @Test
    void theStatefulOperatorsKeepTheirUids() {
        assertThat(nodes("--no-initial-graph"))
                .extracting(StreamNode::getTransformationUID)
                .contains(
                        CityflowUids.READINGS_SOURCE,
                        CityflowUids.ROADS_SOURCE,
                        CityflowUids.DECODE,
                        CityflowUids.MINUTE_WINDOW,
                        CityflowUids.PREDICTOR,
                        CityflowUids.CITY_VIEW,
                        CityflowUids.CEP_ONSET,
                        CityflowUids.CEP_INCIDENT,
                        CityflowUids.INCIDENT_TRACKER);
    }

    @Test
    void provisionalPredictionsHaveUidsOfTheirOwn() {
        List<StreamNode> without = nodes("--no-initial-graph");
        List<StreamNode> with =
                nodes(
                        "--no-initial-graph",
                        "--provisional-predictions-topic",
                        "city.predictions.provisional");
        assertThat(with)
                .extracting(StreamNode::getTransformationUID)
                .contains(
                        CityflowUids.PROVISIONAL_MINUTES,
                        CityflowUids.PROVISIONAL_PREDICTOR,
                        CityflowUids.SINK_PROVISIONAL_PREDICTIONS_KAFKA)
                .allSatisfy(uid -> assertThat(uid).contains("cityflow-"));
        assertThat(without)
                .extracting(StreamNode::getTransformationUID)
                .doesNotContain(
                        CityflowUids.PROVISIONAL_MINUTES, CityflowUids.PROVISIONAL_PREDICTOR);
    }

    @Test
    void theUidsAreTheCommittedOnes() {
        StreamExecutionEnvironment env = built("--no-initial-graph", "--readings-decimation", "10");
        List<OperatorUidManifest.Entry> actual =
                OperatorUidManifest.of(List.of(env.getStreamGraph()));
        assertThat(OperatorUidManifest.check(Path.of("operator-uids.txt"), actual))
                .as(
                        "operator uids differ from jobs/cityflow/operator-uids.txt; if deliberate,"
                                + " rerun with -D%s=true and commit the file",
                        OperatorUidManifest.UPDATE_PROPERTY)
                .isEmpty();
    }
}
