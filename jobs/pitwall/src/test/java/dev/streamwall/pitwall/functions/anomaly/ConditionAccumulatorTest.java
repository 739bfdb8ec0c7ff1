package dev.streamwall.pitwall.functions.anomaly;

import static dev.streamwall.pitwall.Fixtures.LEC;
import static dev.streamwall.pitwall.Fixtures.RACE_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.Fixtures;
import dev.streamwall.pitwall.records.CarCondition;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Unit tests of the per-second condensing of samples: figures, stuck channels, pressure pairs. */
class ConditionAccumulatorTest {

    private static final long SAMPLE_MS = 10;
    private static final int SAMPLES_PER_SECOND = 100;
    private static final long SECOND_MS = 1000;
    private static final int LAP = 5;
    private static final double STUCK_ENGINE_C = 121.25;
    private static final double EPSILON = 1e-9;

    /** Feeds {@code car}'s healthy samples from {@code fromMs} to {@code toMs} after the start. */
    private static void feed(
            ConditionAccumulator acc, long fromMs, long toMs, Consumer<Telemetry> change) {
        for (long ms = fromMs; ms < toMs; ms += SAMPLE_MS) {
            Telemetry t = Fixtures.sample(LEC, RACE_START + ms, LAP, 1_000);
            change.accept(t);
            acc.add(t);
        }
    }

    @Test
    void condensesOneSecondOfSamples() {
        ConditionAccumulator acc = new ConditionAccumulator();
        int[] i = {0};
        feed(
                acc,
                0,
                SECOND_MS,
                t -> {
                    t.brakeTempFr = 600 + i[0];
                    t.engineTemp = 100 + 0.1 * i[0];
                    i[0]++;
                });
        CarCondition c = acc.condition();

        assertThat(c.samples).isEqualTo(SAMPLES_PER_SECOND);
        assertThat(c.firstTs).isEqualTo(RACE_START);
        assertThat(c.ts).isEqualTo(RACE_START + SECOND_MS - SAMPLE_MS);
        assertThat(c.car).isEqualTo(LEC);
        assertThat(c.lap).isEqualTo(LAP);
        assertThat(c.hotBrake).isEqualTo("fr");
        assertThat(c.hotBrakeMin).isEqualTo(600);
        assertThat(c.hotBrakeMax).isEqualTo(699);
        assertThat(c.engineTempMean).isCloseTo(100 + 0.1 * 49.5, within(EPSILON));
        assertThat(c.engineTempMax).isCloseTo(109.9, within(EPSILON));
        assertThat(c.stuckChannel).isNull();

        Telemetry next = Fixtures.sample(LEC, RACE_START + SECOND_MS, LAP, 1_000);
        Telemetry sameSecond = Fixtures.sample(LEC, RACE_START + SECOND_MS - 1, LAP, 1_000);
        assertThat(acc.startsNewSecond(sameSecond)).isFalse();
        assertThat(acc.startsNewSecond(next)).isTrue();
        acc.add(next);
        assertThat(acc.condition().samples).isEqualTo(1);
        assertThat(acc.condition().firstTs).isEqualTo(next.ts);
    }

    @Test
    void reportsAChannelThatRepeatsExactlyForOverASecond() {
        long stuckFrom = 1_500;
        ConditionAccumulator acc = new ConditionAccumulator();
        feed(acc, 0, stuckFrom, t -> {});
        feed(acc, stuckFrom, stuckFrom + SECOND_MS - SAMPLE_MS, t -> t.engineTemp = STUCK_ENGINE_C);
        assertThat(acc.condition().stuckChannel).as("under a second of repeats").isNull();

        feed(
                acc,
                stuckFrom + SECOND_MS - SAMPLE_MS,
                4 * SECOND_MS,
                t -> t.engineTemp = STUCK_ENGINE_C);
        CarCondition c = acc.condition();
        assertThat(c.stuckChannel).isEqualTo("engine_temp");
        assertThat(c.stuckValue).isEqualTo(STUCK_ENGINE_C);
        assertThat(c.stuckSinceTs).isEqualTo(RACE_START + stuckFrom);

        // Noise again: the channel is no longer stuck.
        feed(acc, 4 * SECOND_MS, 5 * SECOND_MS, t -> {});
        assertThat(acc.condition().stuckChannel).isNull();
    }

    @Test
    void reportsTheLongestStuckChannel() {
        ConditionAccumulator acc = new ConditionAccumulator();
        feed(acc, 0, 3 * SECOND_MS, t -> t.tyrePressureRr = 21.5);
        feed(
                acc,
                3 * SECOND_MS,
                5 * SECOND_MS,
                t -> {
                    t.tyrePressureRr = 21.5;
                    t.brakeTempFl = 480.0;
                });
        CarCondition c = acc.condition();
        assertThat(c.stuckChannel).isEqualTo("tyre_pressure_rr");
        assertThat(c.stuckSinceTs).isEqualTo(RACE_START);
    }

    @Test
    void aRepeatedPairOfSamplesIsNotAStuckSensor() {
        ConditionAccumulator acc = new ConditionAccumulator();
        long[] n = {0};
        feed(
                acc,
                0,
                3 * SECOND_MS,
                t -> {
                    // Every other pair of samples reads the same: noise that happens
                    // to repeat once.
                    t.engineTemp = 105 + (n[0]++ / 2) * 0.01;
                });
        assertThat(acc.condition().stuckChannel).isNull();
    }

    @Test
    void comparesEachTyresPressureWithItsPartnerOnTheSameAxle() {
        ConditionAccumulator healthy = new ConditionAccumulator();
        feed(healthy, 0, SECOND_MS, t -> {});
        // Fixture pressures: fl 23.0, fr 23.1, rl 21.0, rr 21.1 psi (plus shared noise).
        assertThat(healthy.condition().pressureDeficit).isCloseTo(0.1, within(0.005));

        ConditionAccumulator rearLeft = new ConditionAccumulator();
        feed(
                rearLeft,
                0,
                SECOND_MS,
                t -> {
                    t.tyrePressureRl -= 1.5;
                    t.tyreTempRl += 10;
                });
        CarCondition rl = rearLeft.condition();
        assertThat(rl.lowTyre).isEqualTo("rl");
        assertThat(rl.pressureDeficit).isCloseTo(1.6, within(0.005));
        assertThat(rl.lowTyreTempExcess).isCloseTo(9.0, within(0.005)); // rl 98 + 10 against rr 99
        assertThat(rl.lowTyrePressure).isCloseTo(19.5, within(0.01));

        // The front right at 21.1 psi is lower than the rears' 21.0-21.1 only across axles: it is
        // compared with the front left, 1.9 psi above it.
        ConditionAccumulator frontRight = new ConditionAccumulator();
        feed(
                frontRight,
                0,
                SECOND_MS,
                t -> {
                    t.tyrePressureFr -= 2.0;
                    t.tyreTempFr += 5;
                });
        CarCondition fr = frontRight.condition();
        assertThat(fr.lowTyre).isEqualTo("fr");
        assertThat(fr.pressureDeficit).isCloseTo(1.9, within(0.005));
        assertThat(fr.lowTyreTempExcess).isCloseTo(6.0, within(0.005)); // fr 101 + 5 against fl 100
    }
}
