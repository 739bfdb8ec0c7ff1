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
        StreamNode laps =
                graph.getStreamNodes().stream()
                        .filter(n -> PitwallUids.LAP_AGGREGATOR.equals(n.getTransformationUID()))
                        .findFirst()
                        .orElseThrow();
        assertThat(laps.getOutEdges())
                .filteredOn(
                        e ->
                                graph.getStreamNode(e.getTargetId()).getTransformationUID() != null
                                        && graph.getStreamNode(e.getTargetId())
                                                .getTransformationUID()
                                                .equals(PitwallUids.STRATEGY))
                .singleElement()
                .extracting(StreamEdge::getBufferTimeout)
                .isEqualTo(0L);
    }
}
