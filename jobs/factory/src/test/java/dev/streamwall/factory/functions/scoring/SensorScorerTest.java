package dev.streamwall.factory.functions.scoring;

import static dev.streamwall.factory.Fixtures.M1;
import static dev.streamwall.factory.Fixtures.TEMP;
import static dev.streamwall.factory.Fixtures.VIBRATION;
import static dev.streamwall.factory.Fixtures.at;
import static dev.streamwall.factory.Fixtures.normalTemp;
import static dev.streamwall.factory.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.state.WriteBehindHarness;
import dev.streamwall.factory.records.Anomaly;
import dev.streamwall.factory.records.ScoredReading;
import dev.streamwall.generators.factory.SensorReading;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SensorScorerTest {

    private static final ScoringParameters P = ScoringParameters.defaults();

    private KeyedOneInputStreamOperatorTestHarness<String, SensorReading, ScoredReading> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                WriteBehindHarness.open(
                        new SensorScorer(P), SensorReading::sensorKey, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void push(String sensor, long fromS, long toS, double offset) throws Exception {
        for (long s = fromS; s < toS; s++) {
            SensorReading r = reading(M1, sensor, Duration.ofSeconds(s), normalTemp(s) + offset);
            harness.processElement(new StreamRecord<>(r, r.ts));
        }
        harness.processWatermark(at(Duration.ofSeconds(toS - 1)));
    }

    private List<Anomaly> anomalies() {
        ConcurrentLinkedQueue<StreamRecord<Anomaly>> out =
                harness.getSideOutput(SensorScorer.ANOMALIES);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void scoresEveryReadingAndReportsEpisodesWithTheirEventTime() throws Exception {
        long learnt = 10L * P.learningSamples() + 60;
        push(TEMP, 0, learnt, 0);
        push(TEMP, learnt, learnt + 120, 20);
        assertThat(harness.extractOutputValues()).hasSize((int) learnt + 120);
        assertThat(anomalies())
                .first()
                .satisfies(
                        a -> {
                            assertThat(a.phase).isEqualTo(Anomaly.Phase.START);
                            assertThat(a.machine).isEqualTo(M1);
                            assertThat(a.sensor).isEqualTo(TEMP);
                        });
        StreamRecord<Anomaly> first = harness.getSideOutput(SensorScorer.ANOMALIES).peek();
        assertThat(first.getTimestamp()).isEqualTo(first.getValue().ts);
    }

    @Test
    void aMachineThatGoesAwayLeavesNoStateAndItsOpenEpisodeCloses() throws Exception {
        long learnt = 10L * P.learningSamples() + 60;
        push(TEMP, 0, learnt, 0);
        push(VIBRATION, 0, 10, -68);
        push(TEMP, learnt, learnt + 60, 20);
        assertThat(WriteBehindHarness.stateEntries(harness)).isEqualTo(2);

        // Time moves on (other machines keep the watermark going); this one stays silent.
        harness.processWatermark(
                at(Duration.ofSeconds(learnt + 60).plus(P.idleRetention())) + 120_000);

        assertThat(WriteBehindHarness.stateEntries(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(anomalies())
                .last()
                .satisfies(
                        a -> {
                            assertThat(a.phase).isEqualTo(Anomaly.Phase.END);
                            assertThat(a.ts).isEqualTo(at(Duration.ofSeconds(learnt + 59)));
                        });
    }

    @Test
    void aSensorThatKeepsReportingKeepsItsState() throws Exception {
        push(TEMP, 0, 3600, 0);
        assertThat(WriteBehindHarness.stateEntries(harness)).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        assertThat(harness.extractOutputValues())
                .last()
                .satisfies(r -> assertThat(r.learning).isFalse());
    }

    @Test
    void theProvisionalScorerLeavesOutReadingsOlderThanItsNewestAndRepeats() throws Exception {
        try (var provisional =
                WriteBehindHarness.open(
                        SensorScorer.provisional(P), SensorReading::sensorKey, Types.STRING)) {
            SensorReading first = reading(M1, TEMP, Duration.ofSeconds(10), 60.0);
            first.receivedAt = 1234;
            SensorReading older = reading(M1, TEMP, Duration.ofSeconds(9), 61.0);
            SensorReading repeat = reading(M1, TEMP, Duration.ofSeconds(10), 60.0);
            SensorReading sameTimeOtherValue = reading(M1, TEMP, Duration.ofSeconds(10), 62.0);
            SensorReading next = reading(M1, TEMP, Duration.ofSeconds(11), 60.5);
            for (SensorReading r : List.of(first, older, repeat, sameTimeOtherValue, next)) {
                provisional.processElement(new StreamRecord<>(r, r.ts));
            }
            assertThat(provisional.extractOutputValues())
                    .extracting(r -> r.value)
                    .containsExactly(60.0, 62.0, 60.5);
        }
    }

    /** Scores {@code readings} with a watermark just before each one, or only after the last. */
    private static List<ScoredReading> scored(List<SensorReading> readings, boolean eager)
            throws Exception {
        try (var h =
                WriteBehindHarness.open(
                        new SensorScorer(P), SensorReading::sensorKey, Types.STRING)) {
            for (SensorReading r : readings) {
                if (eager) {
                    // As far as other sensors can take it before this reading comes.
                    h.processWatermark(r.ts - 1);
                }
                h.processElement(new StreamRecord<>(r, r.ts));
            }
            h.processWatermark(readings.get(readings.size() - 1).ts);
            return h.extractOutputValues();
        }
    }

    @Test
    void aSensorBackAfterItsRetentionIsScoredTheSameWhetherItsTimerFiredFirstOrNot()
            throws Exception {
        // A minute series silent for six hours (its retention is 300 steps, five hours), read
        // to a thousandth before and to a unit after (what it learns of its resolution is
        // forgotten with it).
        List<SensorReading> readings = new java.util.ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            long minute = i < 600 ? i : i + 360;
            double v =
                    i < 600 ? Math.round(normalTemp(i) * 1000) / 1000.0 : Math.round(normalTemp(i));
            readings.add(reading(M1, "load", Duration.ofMinutes(minute), v));
        }
        List<ScoredReading> eager = scored(readings, true);
        List<ScoredReading> lazy = scored(readings, false);
        assertThat(lazy).hasSameSizeAs(eager);
        for (int i = 0; i < lazy.size(); i++) {
            assertThat(lazy.get(i).baseline).as("reading %d", i).isEqualTo(eager.get(i).baseline);
            assertThat(lazy.get(i).score).as("reading %d", i).isEqualTo(eager.get(i).score);
            assertThat(lazy.get(i).std).as("reading %d", i).isEqualTo(eager.get(i).std);
        }
        // After the silence the sensor is new: its first reading is its level.
        assertThat(eager.get(600).baseline).isEqualTo(eager.get(600).value);
    }

    @Test
    void anHourlySeriesIsKeptUntilItsSecondReadingTellsItsStep() throws Exception {
        List<SensorReading> hourly = new java.util.ArrayList<>();
        for (int h = 0; h < 400; h++) {
            hourly.add(reading(M1, TEMP, Duration.ofHours(h), 60 + 5 * Math.sin(h) + (h % 7)));
        }
        List<ScoredReading> eager = scored(hourly, true);
        assertThat(eager.get(1).baseline).isNotEqualTo(eager.get(1).value);
        assertThat(eager.get(eager.size() - 1).learning).isFalse();
    }
}
