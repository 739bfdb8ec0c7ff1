package dev.streamwall.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.flink.metrics.HistogramStatistics;
import org.junit.jupiter.api.Test;

class HdrLatencyHistogramTest {

    @Test
    void reportsQuantilesOfTheIntervalSinceTheLastReport() {
        HdrLatencyHistogram h = new HdrLatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            h.update(ms);
        }
        HistogramStatistics first = h.getStatistics();
        assertThat(h.getCount()).isEqualTo(1000);
        assertThat(first.size()).isEqualTo(1000);
        assertThat(first.getQuantile(0.5)).isCloseTo(500, within(2.0));
        assertThat(first.getQuantile(0.99)).isCloseTo(990, within(2.0));
        assertThat(first.getMax()).isEqualTo(1000);
        assertThat(first.getMin()).isEqualTo(1);

        h.update(5);
        HistogramStatistics second = h.getStatistics();
        assertThat(second.size()).isEqualTo(1);
        assertThat(second.getMax()).isEqualTo(5);
        assertThat(h.getCount()).isEqualTo(1001);
    }

    @Test
    void clampsNegativeAndHugeValues() {
        HdrLatencyHistogram h = new HdrLatencyHistogram();
        h.update(-5);
        h.update(Long.MAX_VALUE);
        HistogramStatistics s = h.getStatistics();
        assertThat(s.getMin()).isZero();
        assertThat(s.getMax()).isGreaterThanOrEqualTo(3_600_000L);
    }
}
