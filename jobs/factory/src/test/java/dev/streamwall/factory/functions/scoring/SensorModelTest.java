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

    /** Feeds {@code count} readings {@code stepMs} apart from reading {@code from} on. */
    private ScoredReading feedEvery(
            SensorModel m,
            String sensor,
            long stepMs,
            int from,
            int count,
            LongToDoubleFunction value) {
        ScoredReading last = null;
        for (int i = from; i < from + count; i++) {
            last =
                    m.observe(
                            M1,
                            sensor,
                            at(Duration.ofMillis(i * stepMs)),
                            value.applyAsDouble(i),
                            P,
                            anomalies::add);
        }
        return last;
    }

    @Test
    void anHourlySeriesIsLearntInReadingsAndItsShiftIsFound() {
        SensorModel m = new SensorModel();
        long hour = 3_600_000;
        java.util.Random rng = new java.util.Random(7);
        // Three weeks of an hourly meter (no unit known), then its level drops by a third.
        ScoredReading r = feedEvery(m, "kwh", hour, 0, 500, i -> 120 + rng.nextGaussian() * 3);
        assertThat(r.learning).isFalse();
        assertThat(m.step).isCloseTo(hour, org.assertj.core.data.Offset.offset(1.0));
        assertThat(anomalies).isEmpty();
        feedEvery(m, "kwh", hour, 500, 24, i -> 80 + rng.nextGaussian() * 3);
        assertThat(anomalies)
                .filteredOn(a -> a.phase == Anomaly.Phase.START)
                .first()
                .satisfies(
                        a -> {
                            assertThat(a.kind).isEqualTo(Anomaly.LOW);
                            // Within a few readings of the drop (a heartbeat is 10 steps here).
                            assertThat(a.ts).isLessThan(at(Duration.ofMillis(515 * hour)));
                        });
    }

    @Test
    void aDepartureThatKeepsComingBackBecomesTheSeriesNormalAndARareOneStillCounts() {
        SensorModel m = new SensorModel();
        long hour = 3_600_000;
        java.util.Random rng = new java.util.Random(23);
        // An hourly series of 100 ± 3, then a batch job every 10 hours reads 160 for one hour
        // (fifty times over three weeks): the first ones are anomalies, the later ones hardly.
        feedEvery(m, "rate", hour, 0, 500, i -> 100 + rng.nextGaussian() * 3);
        assertThat(anomalies).isEmpty();
        feedEvery(
                m, "rate", hour, 500, 500, i -> (i % 10 == 0 ? 160 : 100) + rng.nextGaussian() * 3);
        List<Long> opened = starts();
        assertThat(opened).isNotEmpty().first().isEqualTo(at(Duration.ofMillis(500 * hour)));
        // At most half of them (the first two weeks' worth), and hardly any in the third week.
        assertThat(opened).hasSizeLessThanOrEqualTo(25);
        assertThat(opened)
                .filteredOn(ts -> ts >= at(Duration.ofMillis(800 * hour)))
                .hasSizeLessThanOrEqualTo(2);
        // Three quiet weeks: the series forgets the batch job, and one reading of 160 is news.
        feedEvery(m, "rate", hour, 1_000, 500, i -> 100 + rng.nextGaussian() * 3);
        anomalies.clear();
        feedEvery(
                m, "rate", hour, 1_500, 20, i -> (i == 1_500 ? 160 : 100) + rng.nextGaussian() * 3);
        assertThat(starts()).containsExactly(at(Duration.ofMillis(1_500 * hour)));
    }

    private List<Long> starts() {
        return anomalies.stream()
                .filter(a -> a.phase == Anomaly.Phase.START && a.kind.equals(Anomaly.HIGH))
                .map(a -> a.ts)
                .toList();
    }

    @Test
    void aSlowSeriesIsJudgedOnItsLastReadingAndAShortExcursionIsFoundAtItsStart() {
        SensorModel m = new SensorModel();
        long minute = 60_000;
        java.util.Random rng = new java.util.Random(17);
        // A week of a meter sampled every minute: ten thousand normal readings raise nothing.
        feedEvery(m, "latency", minute, 0, 10_000, i -> 200 + rng.nextGaussian() * 10);
        assertThat(anomalies).isEmpty();
        assertThat(m.ring).hasSize(1);
        // Three minutes far off, then back: what the labels of real monitoring data look like.
        feedEvery(m, "latency", minute, 10_000, 3, i -> 320 + rng.nextGaussian() * 10);
        feedEvery(m, "latency", minute, 10_003, 60, i -> 200 + rng.nextGaussian() * 10);
        assertThat(anomalies)
                .filteredOn(a -> a.phase == Anomaly.Phase.START)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.kind).isEqualTo(Anomaly.HIGH);
                            assertThat(a.startTs).isEqualTo(at(Duration.ofMillis(10_000 * minute)));
                        });
    }

    @Test
    void atOneHertzTheReadingCountsApplyAsGiven() {
        assertThat(P.levelWindow(1000)).isEqualTo(P.levelWindow());
        assertThat(P.minRun(1000)).isEqualTo(P.minRun());
        assertThat(P.endRun(1000)).isEqualTo(P.endRun());
        assertThat(P.recentWeight(1000)).isEqualTo(0.25);
        assertThat(P.openScore(1000)).isEqualTo(P.likelihood());
        // Jitter around a second changes nothing.
        assertThat(P.minRun(990)).isEqualTo(P.minRun());
        assertThat(P.levelWindow(1010)).isEqualTo(P.levelWindow());
        // A reading a minute: one reading, which must be rare on its own.
        assertThat(P.minRun(60_000)).isEqualTo(1);
        assertThat(P.endRun(60_000)).isEqualTo(1);
        assertThat(P.levelWindow(60_000)).isEqualTo(1);
        assertThat(P.openScore(60_000)).isEqualTo(ScoringParameters.singleReadingScore(60_000));
        // As rare per hour whatever the sampling: a tenth of the score per tenfold of readings.
        assertThat(ScoringParameters.singleReadingScore(3_600_000)).isEqualTo(0.8);
        assertThat(ScoringParameters.singleReadingScore(360_000))
                .isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ScoringParameters.singleReadingScore(86_400_000)).isEqualTo(0.8);
        assertThat(ScoringParameters.singleReadingScore(1_000)).isEqualTo(1.0);
    }

    @Test
    void aNearZeroSeriesIsScoredAgainstItsOwnNoiseNotItsLevel() {
        SensorModel m = new SensorModel();
        java.util.Random rng = new java.util.Random(3);
        // A rate around 0.002 with noise 0.0005: "1 % of the level" would make its noise 25 sigma.
        feedEvery(m, "error_rate", 60_000, 0, 2000, i -> 0.002 + rng.nextGaussian() * 0.0005);
        assertThat(anomalies).isEmpty();
        ScoredReading r =
                feedEvery(
                        m,
                        "error_rate",
                        60_000,
                        2000,
                        30,
                        i -> 0.002 + rng.nextGaussian() * 0.0005);
        assertThat(Math.abs(r.z)).isLessThan(5);
        assertThat(r.score).isLessThan(0.5);
    }

    @Test
    void runsOfZerosThatACountSeriesAlwaysHasAreNotAStuckSensor() {
        SensorModel m = new SensorModel();
        java.util.Random rng = new java.util.Random(11);
        // Events per 5 min: quiet stretches of up to 40 zeros are normal for this series.
        feedEvery(m, "events", 300_000, 0, 3000, i -> (i / 40) % 3 == 0 ? 0 : rng.nextInt(6));
        assertThat(anomalies).noneMatch(a -> a.kind.equals(Anomaly.STUCK));
        assertThat(m.flatRunMax).isGreaterThanOrEqualTo(30);
        // A run far longer than any it has shown is.
        feedEvery(m, "events", 300_000, 3000, 200, i -> 0);
        assertThat(anomalies).anyMatch(a -> a.kind.equals(Anomaly.STUCK));
    }

    @Test
    void aSeriesThatWakesUpFromALongFlatRunIsReportedThenLearntAnew() {
        SensorModel m = new SensorModel();
        long fiveMin = 300_000;
        java.util.Random rng = new java.util.Random(5);
        // A week of zeros (a service not yet in use), then traffic: 30,000 ± 3,000 per 5 min.
        feedEvery(m, "requests", fiveMin, 0, 2016, i -> 0);
        assertThat(anomalies).anyMatch(a -> a.kind.equals(Anomaly.STUCK));
        anomalies.clear();
        feedEvery(m, "requests", fiveMin, 2016, 1000, i -> 30_000 + rng.nextGaussian() * 3000);
        // The wake-up is reported where it happens (its first change is the series' first
        // sight of its resolution, the next reading is judged against it) ...
        assertThat(anomalies)
                .filteredOn(a -> a.kind.equals(Anomaly.HIGH) && a.phase == Anomaly.Phase.START)
                .singleElement()
                .satisfies(
                        a ->
                                assertThat(a.ts)
                                        .isLessThanOrEqualTo(
                                                at(Duration.ofMillis(2017 * fiveMin))));
        // ... and the live signal is then judged against itself, not against the zeros.
        assertThat(m.learnt).isTrue();
        assertThat(m.mean).isCloseTo(30_000, org.assertj.core.data.Offset.offset(1000.0));
        assertThat(m.levelOpen).isFalse();
        anomalies.clear();
        feedEvery(m, "requests", fiveMin, 3016, 24, i -> 60_000 + rng.nextGaussian() * 3000);
        assertThat(anomalies)
                .filteredOn(a -> a.phase == Anomaly.Phase.START)
                .first()
                .satisfies(
                        a -> {
                            assertThat(a.kind).isEqualTo(Anomaly.HIGH);
                            assertThat(a.ts).isLessThan(at(Duration.ofMillis(3020 * fiveMin)));
                        });
    }

    @Test
    void whileASensorIsStuckOnlyItsStuckEpisodeSpeaks() {
        SensorModel m = new SensorModel();
        long fiveMin = 300_000;
        java.util.Random rng = new java.util.Random(9);
        // Five days of a daytime hump (50 at night, 70 at noon), then a day and a half at 60.
        LongToDoubleFunction day =
                i -> 50 + 20 * Math.max(0, Math.sin(2 * Math.PI * i / 288)) + rng.nextGaussian();
        feedEvery(m, "load", fiveMin, 0, 1440, day);
        assertThat(m.seasonal).isTrue();
        anomalies.clear();
        feedEvery(m, "load", fiveMin, 1440, 400, i -> 60.0);
        assertThat(anomalies)
                .filteredOn(a -> a.phase == Anomaly.Phase.START)
                .extracting(a -> a.kind)
                .containsExactly(Anomaly.STUCK);
    }

    @Test
    void stateOfTheFirstVersionKeepsItsBaselineAndRelearnsWhatItLacks() {
        // What a savepoint taken before version 1 restores: a baseline and a noise, nothing else.
        SensorModel old = new SensorModel();
        old.n = 50_000;
        old.firstTs = at(Duration.ZERO);
        old.lastTs = at(Duration.ofSeconds(49_999));
        old.mean = 70;
        old.var = 0.1;
        old.lastValue = 70.1;
        old.sameCount = 1;
        ScoredReading first =
                old.observe(
                        M1,
                        TEMP,
                        at(Duration.ofSeconds(50_000)),
                        normalTemp(50_000),
                        P,
                        anomalies::add);
        assertThat(old.version).isEqualTo(SensorModel.VERSION);
        assertThat(first.baseline).isEqualTo(70.0);
        assertThat(first.learning).isTrue();
        for (long s = 50_001; s < 50_000 + P.learningSamples(); s++) {
            old.observe(M1, TEMP, at(Duration.ofSeconds(s)), normalTemp(s), P, anomalies::add);
        }
        assertThat(old.learnt).isTrue();
        assertThat(old.mean).isCloseTo(70, org.assertj.core.data.Offset.offset(0.3));
        long s0 = 50_000 + P.learningSamples();
        for (long s = s0; s < s0 + 600; s++) {
            old.observe(
                    M1,
                    TEMP,
                    at(Duration.ofSeconds(s)),
                    normalTemp(s) + (s > s0 + 300 ? 15 : 0),
                    P,
                    anomalies::add);
        }
        assertThat(anomalies)
                .filteredOn(a -> a.phase == Anomaly.Phase.START)
                .extracting(a -> a.kind)
                .containsExactly(Anomaly.HIGH);
    }

    @Test
    void aDailyCycleIsLearntAndAnAnomalyAgainstItIsFound() {
        SensorModel m = new SensorModel();
        java.util.Random rng = new java.util.Random(5);
        long fiveMin = 300_000;
        int perDay = 288;
        // Busy by day, quiet by night: a swing of ±20 against a noise of 1.
        LongToDoubleFunction cycle =
                i -> 100 + 20 * Math.sin(2 * Math.PI * (i % perDay) / perDay) + rng.nextGaussian();
        feedEvery(m, "requests", fiveMin, 0, 14 * perDay, cycle);
        assertThat(m.seasonal).isTrue();
        // Once the profile is in use, the cycle itself raises nothing.
        assertThat(anomalies)
                .filteredOn(a -> a.phase == Anomaly.Phase.START)
                .filteredOn(a -> a.ts > at(Duration.ofDays(5)))
                .isEmpty();
        anomalies.clear();
        // Two hours 8 above what this hour of the day usually shows: well inside the daily swing,
        // far outside the noise.
        int from = 14 * perDay + 200;
        feedEvery(m, "requests", fiveMin, 14 * perDay, 200, cycle);
        feedEvery(m, "requests", fiveMin, from, 24, i -> cycle.applyAsDouble(i) + 8);
        assertThat(anomalies)
                .filteredOn(a -> a.phase == Anomaly.Phase.START)
                .extracting(a -> a.kind)
                .containsExactly(Anomaly.HIGH);
    }
}
