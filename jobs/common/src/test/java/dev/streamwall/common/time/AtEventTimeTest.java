package dev.streamwall.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AtEventTimeTest {

    @Test
    void stampsEachValueWithItsEventTimeAndPassesWatermarksInPlace() throws Exception {
        try (var h =
                new OneInputStreamOperatorTestHarness<Tuple2<Long, String>, String>(
                        new AtEventTime<>())) {
            h.open();
            h.processWatermark(new Watermark(900));
            // Wall-clock stamps, as CEP in processing time gives them.
            h.processElement(new StreamRecord<>(Tuple2.of(1_000L, "a"), 1_733_000_000_000L));
            h.processElement(new StreamRecord<>(Tuple2.of(1_010L, "b"), 1_733_000_000_001L));
            h.processWatermark(new Watermark(1_010));

            List<String> out = new ArrayList<>();
            for (Object o : h.getOutput()) {
                out.add(
                        o instanceof StreamRecord<?> r
                                ? r.getValue() + "@" + r.getTimestamp()
                                : "watermark " + ((Watermark) o).getTimestamp());
            }
            assertThat(out).containsExactly("watermark 900", "a@1000", "b@1010", "watermark 1010");
        }
    }
}
