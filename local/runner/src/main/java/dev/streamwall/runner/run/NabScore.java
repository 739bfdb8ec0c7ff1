package dev.streamwall.runner.run;

import java.util.Arrays;
import java.util.List;

/**
 * The scoring of the Numenta Anomaly Benchmark, written here from its published description: per
 * series, the first detection inside a labelled window earns {@code A_TP} times a scaled sigmoid of
 * how early in the window it came (0.987 at its first row, 0 at its last), a missed window costs
 * {@code A_FN}, and each detection outside the windows costs {@code A_FP} times the sigmoid of how
 * far past the previous window it came (the full cost before any window); detections in the first
 * 15 % of a series (at most 750 rows) are not counted. The normalised score is {@code 100 (raw -
 * null) / (perfect - null)}: a detector that flags nothing scores 0, one that flags each window's
 * first row 100.
 */
final class NabScore {

    /** Weights of true positives, false positives and false negatives. */
    record Profile(String name, double tp, double fp, double fn) {}

    static final List<Profile> PROFILES =
            List.of(
                    new Profile("standard", 1.0, 0.11, 1.0),
                    new Profile("low FP", 1.0, 0.22, 1.0),
                    new Profile("low FN", 1.0, 0.11, 2.0));

    /** A labelled window, inclusive, epoch ms. */
    record Window(long start, long end) {}

    /** One series: its rows' times (ascending), its windows and which rows were flagged. */
    record Series(long[] times, List<Window> windows, boolean[] flagged) {}

    private NabScore() {}

    /** {@code 2 / (1 + e^(5x)) - 1}: 0.987 at -1, 0 at 0, towards -1 past a window. */
    static double scaledSigmoid(double x) {
        return x > 3 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * x)) - 1.0;
    }

    /** Rows not scored at the start of a series. */
    static int probation(int rows) {
        return Math.min((int) Math.floor(0.15 * rows), 750);
    }

    /** The raw score of one series under {@code p}. */
    static double raw(Series s, Profile p) {
        int n = s.times().length;
        int[][] windows = windowRows(s);
        int probation = probation(n);
        double score = 0;
        boolean[] caught = new boolean[windows.length];
        int w = 0; // the first window not entirely before row i
        for (int i = 0; i < n; i++) {
            while (w < windows.length && windows[w][1] < i) {
                w++;
            }
            if (!s.flagged()[i] || i < probation) {
                continue;
            }
            if (w < windows.length && windows[w][0] <= i) {
                if (!caught[w]) {
                    caught[w] = true;
                    int width = windows[w][1] - windows[w][0] + 1;
                    double position = -(windows[w][1] - i + 1) / (double) width;
                    score += p.tp() * scaledSigmoid(position);
                }
            } else if (w == 0) {
                score -= p.fp();
            } else {
                int[] previous = windows[w - 1];
                int width = previous[1] - previous[0] + 1;
                double past = Math.abs(previous[1] - i) / (double) Math.max(1, width - 1);
                score += p.fp() * scaledSigmoid(past);
            }
        }
        for (int k = 0; k < windows.length; k++) {
            if (!caught[k]) {
                score -= p.fn();
            }
        }
        return score;
    }

    /** What a detector that flags each window's first row earns, and what flagging nothing does. */
    static double[] perfectAndNull(Series s, Profile p) {
        int[][] windows = windowRows(s);
        double perfect = 0;
        for (int[] w : windows) {
            perfect += p.tp() * scaledSigmoid(-1.0);
        }
        return new double[] {perfect, -p.fn() * windows.length};
    }

    /** The normalised score (0 null, 100 perfect) of several series together. */
    static double normalised(List<Series> series, Profile p) {
        double raw = 0;
        double perfect = 0;
        double none = 0;
        for (Series s : series) {
            raw += raw(s, p);
            double[] pn = perfectAndNull(s, p);
            perfect += pn[0];
            none += pn[1];
        }
        return perfect == none ? 0 : 100 * (raw - none) / (perfect - none);
    }

    /** The share of a series' readings the benchmark's windows take together. */
    static final double BENCHMARK_WINDOW_SHARE = 0.10;

    /**
     * Windows drawn as the benchmark draws them from its labels: each labelled window's first
     * reading is the anomaly, and its window is {@value #BENCHMARK_WINDOW_SHARE} of the series'
     * readings divided by the number of anomalies, centred on it (cut at the series' ends); a first
     * window that starts inside the probation is dropped, overlapping windows are merged.
     */
    static List<Window> benchmarkWindows(long[] times, List<Window> labelled) {
        int n = times.length;
        List<Integer> anomalies =
                labelled.stream()
                        .map(w -> lowerBound(times, w.start()))
                        .filter(i -> i < n)
                        .sorted()
                        .toList();
        if (anomalies.isEmpty()) {
            return List.of();
        }
        int length = (int) (BENCHMARK_WINDOW_SHARE * n / anomalies.size());
        List<Window> out = new java.util.ArrayList<>();
        for (int a : anomalies) {
            Window w =
                    new Window(
                            times[Math.max(a - length / 2, 0)],
                            times[Math.min(a + length / 2, n - 1)]);
            if (out.isEmpty() && w.start() < times[probation(n)]) {
                continue; // only the first window is checked, as the benchmark does
            }
            Window last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && w.start() <= last.end()) {
                out.set(out.size() - 1, new Window(last.start(), Math.max(last.end(), w.end())));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** Each window as its first and last row index; windows without rows are dropped. */
    private static int[][] windowRows(Series s) {
        long[] t = s.times();
        return s.windows().stream()
                .map(
                        w -> {
                            int first = lowerBound(t, w.start());
                            int last = lowerBound(t, w.end() + 1) - 1;
                            return new int[] {first, last};
                        })
                .filter(r -> r[0] <= r[1])
                .sorted((a, b) -> Integer.compare(a[0], b[0]))
                .toArray(int[][]::new);
    }

    private static int lowerBound(long[] t, long v) {
        int i = Arrays.binarySearch(t, v);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && t[i - 1] == v) {
            i--;
        }
        return i;
    }

    /**
     * Plain counts beside the score, over the rows NAB scores (after each series' probation): the
     * windows with a detection in them (recall), the detections inside a window (precision) and the
     * median delay from a window's start to its first detection.
     */
    static String detections(List<Series> series) {
        int windows = 0;
        int found = 0;
        int inside = 0;
        int all = 0;
        List<Long> delays = new java.util.ArrayList<>();
        for (Series s : series) {
            int[][] rows = windowRows(s);
            int probation = probation(s.times().length);
            boolean[] hit = new boolean[rows.length];
            for (int i = probation; i < s.times().length; i++) {
                if (!s.flagged()[i]) {
                    continue;
                }
                all++;
                for (int w = 0; w < rows.length; w++) {
                    if (i >= rows[w][0] && i <= rows[w][1]) {
                        inside++;
                        if (!hit[w]) {
                            hit[w] = true;
                            delays.add(s.times()[i] - s.times()[rows[w][0]]);
                        }
                        break;
                    }
                }
            }
            for (int[] w : rows) {
                if (w[1] >= probation) {
                    windows++;
                }
            }
            for (boolean h : hit) {
                found += h ? 1 : 0;
            }
        }
        delays.sort(Long::compare);
        return String.format(
                java.util.Locale.ROOT,
                "%d of %d windows found (recall %.2f), %d of %d detections inside one (precision"
                        + " %.2f), median delay %s",
                found,
                windows,
                windows == 0 ? 0.0 : found / (double) windows,
                inside,
                all,
                all == 0 ? 0.0 : inside / (double) all,
                delays.isEmpty()
                        ? "-"
                        : java.time.Duration.ofMillis(delays.get(delays.size() / 2))
                                .toString()
                                .substring(2)
                                .toLowerCase(java.util.Locale.ROOT));
    }
}
