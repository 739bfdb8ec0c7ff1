package dev.streamwall.pitwall.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.job.JobMain;
import dev.streamwall.pitwall.PitwallJob;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** What the job's latency depends on besides event time: watermark cadence and buffer flushing. */
class PitwallLatencySettingsTest {

    private static StreamExecutionEnvironment built(String... args) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobMain.build(new PitwallJob(), env, JobMain.parse(new PitwallJob(), args));
        return env;
    }

    @Test
    void theWatermarkIntervalIsFlinksUnlessGiven() {
        long flinks =
                StreamExecutionEnvironment.getExecutionEnvironment()
                        .getConfig()
                        .getAutoWatermarkInterval();
        assertThat(built().getConfig().getAutoWatermarkInterval()).isEqualTo(flinks);
        assertThat(built("--watermark-interval", "25ms").getConfig().getAutoWatermarkInterval())
                .isEqualTo(25);
    }

    @Test
    void theLapStageSendsEachRecordToTheStrategyAtOnce() {
        StreamGraph graph = built().getStreamGraph();
        assertThat(edge(graph, PitwallUids.LAP_AGGREGATOR, PitwallUids.FIELD).getBufferTimeout())
                .isZero();
        assertThat(edge(graph, PitwallUids.FIELD, PitwallUids.STRATEGY).getBufferTimeout())
                .isZero();
    }

    private static StreamEdge edge(StreamGraph graph, String fromUid, String toUid) {
        StreamNode from =
                graph.getStreamNodes().stream()
                        .filter(n -> fromUid.equals(n.getTransformationUID()))
                        .findFirst()
                        .orElseThrow();
        var edges =
                from.getOutEdges().stream()
                        .filter(
                                e ->
                                        toUid.equals(
                                                graph.getStreamNode(e.getTargetId())
                                                        .getTransformationUID()))
                        .toList();
        assertThat(edges).as(fromUid + " -> " + toUid).hasSize(1);
        return edges.get(0);
    }
}
