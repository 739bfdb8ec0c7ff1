package dev.streamwall.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReferenceDetectorsTest {

    private static long[] seconds(int n) {
        return IntStream.range(0, n).mapToLong(i -> 1_000L * i).toArray();
    }

    /** Gaussian noise of deviation {@code sd} around {@code level}, one reading a second. */
    private static double[] noise(int n, double level, double sd, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, n).mapToDouble(i -> level + sd * random.nextGaussian()).toArray();
    }

    /** Uniform noise of width 1 around {@code level}: no reading an outlier by itself. */
    private static double[] uniform(int n, double level, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, n).mapToDouble(i -> level + random.nextDouble() - 0.5).toArray();
    }

    private static int[] flagged(boolean[] flags) {
        return IntStream.range(0, flags.length).filter(i -> flags[i]).toArray();
    }

    /** Skyline's scores of 500 readings of noise with one spike at reading 400. */
    private static double[] spikeInNoise(double level, double sd, double spike) {
        double[] values = noise(500, level, sd, 7);
        values[400] = spike;
        return ReferenceDetectors.skyline(seconds(500), values);
    }

    @Test
    void skylineVotesForASpikeAndHardlyForNoise() {
        double[] scores = spikeInNoise(10, 1, 30);

        // Six of the seven tests fire; the seventh (the hour a day back) has no readings to use.
        assertThat(scores[400]).isEqualTo(6.0 / 7);
        long noisy = IntStream.range(50, 500).filter(i -> i != 400 && scores[i] >= 3.0 / 7).count();
        assertThat(noisy).isLessThanOrEqualTo(5);
        // Skyline's histogram test fires on a reading alone in its bin, the very first one too.
        assertThat(scores[0]).isEqualTo(1.0 / 7);

        // The same spike at a hundredth of the scale: Skyline rounds the residuals of its
        // least-squares test to integers before it compares them, so one test fewer fires.
        assertThat(spikeInNoise(0.1, 0.01, 0.3)[400]).isEqualTo(5.0 / 7);
    }

    @Test
    void skylineComparesWithTheSameHourADayBack() {
        // One reading a minute for 26 hours around 10; at 25h a reading of 14 with the two
        // before it at 10: the hour a day back knows the level, so that test fires too.
        int n = 26 * 60;
        long[] times = IntStream.range(0, n).mapToLong(i -> 60_000L * i).toArray();
        double[] values = noise(n, 10, 0.3, 11);
        int at = 25 * 60;
        values[at - 2] = 10;
        values[at - 1] = 10;
        values[at] = 14;
        double withDayBack = ReferenceDetectors.skyline(times, values)[at];

        long[] shifted = times.clone();
        for (int i = 0; i < n; i++) {
            shifted[i] = 1_000L * i; // the same readings within 26 minutes: no day back
        }
        double without = ReferenceDetectors.skyline(shifted, values)[at];
        assertThat(withDayBack - without)
                .isCloseTo(1.0 / 7, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void adVecFindsSpikesThatOnlyStandOutOnceTheSeasonIsRemoved() {
        // Ten cycles of 150 readings swinging ±10, noise ±0.5; two spikes of 6 at a trough and a
        // crest: well inside the series' range, far outside the season's.
        int n = 1_500;
        double[] values = uniform(n, 50, 3);
        for (int i = 0; i < n; i++) {
            values[i] += 10 * Math.sin(2 * Math.PI * i / ReferenceDetectors.ADVEC_PERIOD);
        }
        values[712] += 6; // at a trough (3/4 of a cycle)
        values[1_087] -= 6; // at a crest (1/4 of a cycle)

        assertThat(flagged(ReferenceDetectors.twitterAdVec(values))).containsExactly(712, 1_087);
    }

    @Test
    void adVecFlagsAtMostItsShareAndNothingOnAShortSeries() {
        double[] values = uniform(1_000, 50, 5);
        for (int i = 100; i < 1_000; i += 100) {
            values[i] += 20; // nine clear spikes; 0.2 % of 1,000 readings is 2
        }
        assertThat(flagged(ReferenceDetectors.twitterAdVec(values))).hasSize(2);

        double[] shortSeries = uniform(299, 50, 5); // under two periods
        shortSeries[200] += 20;
        assertThat(flagged(ReferenceDetectors.twitterAdVec(shortSeries))).isEmpty();
    }
}
