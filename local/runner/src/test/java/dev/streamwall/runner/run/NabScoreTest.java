package dev.streamwall.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class NabScoreTest {

    private static final NabScore.Profile STANDARD = NabScore.PROFILES.get(0);

    /** 100 rows a second apart; one window over rows 50..59; probation: the first 15 rows. */
    private static NabScore.Series series(int... flaggedRows) {
        long[] times = new long[100];
        for (int i = 0; i < times.length; i++) {
            times[i] = 1_000L * i;
        }
        boolean[] flags = new boolean[100];
        for (int r : flaggedRows) {
            flags[r] = true;
        }
        return new NabScore.Series(times, List.of(new NabScore.Window(50_000, 59_000)), flags);
    }

    private static double sigmoid(double x) {
        return 2 / (1 + Math.exp(5 * x)) - 1;
    }

    @Test
    void flaggingNothingScoresZeroAndEachWindowsFirstRowAHundred() {
        assertThat(NabScore.raw(series(), STANDARD)).isEqualTo(-1.0);
        assertThat(NabScore.normalised(List.of(series()), STANDARD)).isEqualTo(0.0);
        assertThat(NabScore.raw(series(50), STANDARD)).isCloseTo(sigmoid(-1), offset(1e-12));
        assertThat(NabScore.normalised(List.of(series(50)), STANDARD))
                .isCloseTo(100.0, offset(1e-9));
    }

    @Test
    void aLateDetectionEarnsLessAndOnlyTheFirstInAWindowCounts() {
        // Row 59 is the window's last: position -1/10.
        assertThat(NabScore.raw(series(59), STANDARD)).isCloseTo(sigmoid(-0.1), offset(1e-12));
        assertThat(NabScore.raw(series(55, 56, 59), STANDARD))
                .isCloseTo(sigmoid(-0.5), offset(1e-12));
    }

    @Test
    void falsePositivesCostTheirWeightBeforeAWindowAndLessJustAfterOne() {
        // Row 10 is in the probation period and not counted; row 20 comes before any window.
        assertThat(NabScore.raw(series(10, 20, 50), STANDARD))
                .isCloseTo(sigmoid(-1) - 0.11, offset(1e-12));
        // Row 69 is 10 rows past the window's end, whose width is 10: position 10/9.
        assertThat(NabScore.raw(series(50, 69), STANDARD))
                .isCloseTo(sigmoid(-1) + 0.11 * sigmoid(10.0 / 9), offset(1e-12));
        // A missed window under low FN costs 2.
        assertThat(NabScore.raw(series(), NabScore.PROFILES.get(2))).isEqualTo(-2.0);
    }

    @Test
    void benchmarkWindowsAreATenthOfTheSeriesSharedAndCentredOnEachLabelsStart() {
        long[] times = new long[1_000];
        for (int i = 0; i < times.length; i++) {
            times[i] = 1_000L * i;
        }
        // Labels starting at rows 300 and 700 (whatever their length): 50 rows each, centred.
        assertThat(
                        NabScore.benchmarkWindows(
                                times,
                                List.of(
                                        new NabScore.Window(700_000, 710_000),
                                        new NabScore.Window(300_000, 300_000))))
                .containsExactly(
                        new NabScore.Window(275_000, 325_000),
                        new NabScore.Window(675_000, 725_000));
        // A first label inside the probation (the first 150 rows) loses its window; labels at 400
        // and 420 (33 rows each, as there are three: 384-416 and 404-436) overlap and merge.
        assertThat(
                        NabScore.benchmarkWindows(
                                times,
                                List.of(
                                        new NabScore.Window(100_000, 120_000),
                                        new NabScore.Window(400_000, 400_000),
                                        new NabScore.Window(420_000, 430_000))))
                .containsExactly(new NabScore.Window(384_000, 436_000));
        assertThat(NabScore.benchmarkWindows(times, List.of())).isEmpty();
    }
}
