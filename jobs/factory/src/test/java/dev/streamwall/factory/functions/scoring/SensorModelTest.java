package dev.streamwall.factory.functions.scoring;

import static dev.streamwall.factory.Fixtures.M1;
import static dev.streamwall.factory.Fixtures.TEMP;
import static dev.streamwall.factory.Fixtures.at;
import static dev.streamwall.factory.Fixtures.normalTemp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.factory.records.Anomaly;
import dev.streamwall.factory.records.ScoredReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

class SensorModelTest {

    private static final ScoringParameters P = ScoringParameters.defaults();
    private static final long LEARNT = 10L * P.learningSamples() + 60;

    private final SensorModel model = new SensorModel();
    private final List<Anomaly> anomalies = new ArrayList<>();

    private ScoredReading feed(long fromSecond, long toSecond, LongToDoubleFunction value) {
        ScoredReading last = null;
        for (long s = fromSecond; s < toSecond; s++) {
            last =
                    model.observe(
                            M1,
                            TEMP,
                            at(Duration.ofSeconds(s)),
                            value.applyAsDouble(s),
                            P,
                            anomalies::add);
        }
        return last;
    }

    @Test
    void learnsTheSensorsLevelAndScoresNormalReadingsLow() {
        ScoredReading r = feed(0, LEARNT + 600, s -> normalTemp(s));
        assertThat(r.learning).isFalse();
        assertThat(r.baseline).isCloseTo(70, org.assertj.core.data.Offset.offset(0.3));
        assertThat(r.std).isGreaterThanOrEqualTo(2.5);
        assertThat(r.score).isLessThan(0.05);
        assertThat(anomalies).isEmpty();
    }

    @Test
    void aWarmUpWhileLearningIsNotAnAnomaly() {
        feed(0, LEARNT + 1800, s -> 25 + 45 * (1 - Math.exp(-s / 300.0)) + normalTemp(s) - 70);
        assertThat(anomalies).isEmpty();
    }

    @Test
    void aSpikeThatRevertsIsASpikeAndNeverALevelAnomaly() {
        feed(0, LEARNT, s -> normalTemp(s));
        ScoredReading spike = feed(LEARNT, LEARNT + 2, s -> 90);
        feed(LEARNT + 2, LEARNT + 300, s -> normalTemp(s));
        assertThat(spike.z).isGreaterThan(5);
        assertThat(spike.score).isLessThan(0.05);
        assertThat(anomalies)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.kind).isEqualTo(Anomaly.SPIKE);
                            assertThat(a.phase).isEqualTo(Anomaly.Phase.END);
                        });
    }

    @Test
    void aSustainedRiseOpensAHighEpisodeThatReportsAndCloses() {
        feed(0, LEARNT, s -> normalTemp(s));
        feed(LEARNT, LEARNT + 600, s -> normalTemp(s) + 15);
        feed(LEARNT + 600, LEARNT + 1200, s -> normalTemp(s));
        assertThat(anomalies)
                .extracting(a -> a.phase)
                .startsWith(Anomaly.Phase.START)
                .contains(Anomaly.Phase.ONGOING)
                .endsWith(Anomaly.Phase.END);
        Anomaly start = anomalies.get(0);
        assertThat(start.kind).isEqualTo(Anomaly.HIGH);
        assertThat(start.readings).isEqualTo(P.minRun());
        assertThat(anomalies).extracting(a -> a.anomalyId).containsOnly(start.anomalyId);
        assertThat(anomalies).filteredOn(a -> a.phase == Anomaly.Phase.ONGOING).hasSize(9);
    }

    @Test
    void aSlowDriftIsCaughtOnceItLeavesTheBaselineBehind() {
        feed(0, LEARNT, s -> normalTemp(s));
        // +12 °C per hour: slower than the baseline's time constant could hide for long.
        feed(LEARNT, LEARNT + 3600, s -> normalTemp(s) + 12.0 * (s - LEARNT) / 3600);
        assertThat(anomalies)
                .filteredOn(a -> a.phase == Anomaly.Phase.START)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.kind).isEqualTo(Anomaly.HIGH);
                            assertThat(a.startTs).isLessThan(at(Duration.ofSeconds(LEARNT + 3000)));
                        });
    }

    @Test
    void aValueRepeatedExactlyIsAStuckSensor() {
        feed(0, LEARNT, s -> normalTemp(s));
        ScoredReading r = feed(LEARNT, LEARNT + 120, s -> 70.12);
        assertThat(r.score).isEqualTo(1.0);
        assertThat(anomalies)
                .filteredOn(a -> a.kind.equals(Anomaly.STUCK))
                .first()
                .satisfies(
                        a -> {
                            assertThat(a.phase).isEqualTo(Anomaly.Phase.START);
                            assertThat(a.startTs).isEqualTo(at(Duration.ofSeconds(LEARNT)));
                        });
        feed(LEARNT + 120, LEARNT + 130, s -> normalTemp(s));
        assertThat(anomalies.get(anomalies.size() - 1).phase).isEqualTo(Anomaly.Phase.END);
    }

    @Test
    void aSensorBackAfterAStopIsLearntAnew() {
        feed(0, LEARNT + 600, s -> normalTemp(s));
        long back = LEARNT + 600 + P.restartGap().toSeconds() + 60;
        ScoredReading r = feed(back, back + 60, s -> 30);
        assertThat(r.learning).isTrue();
        assertThat(anomalies).isEmpty();
    }
}
