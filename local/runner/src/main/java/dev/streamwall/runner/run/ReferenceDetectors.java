package dev.streamwall.runner.run;

import com.github.servicenow.ds.stats.stl.SeasonalTrendLoess;
import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Two published detectors, set up as the Numenta Anomaly Benchmark ran them, so that any labelled
 * recording can show the job beside them (their published scores are on the benchmark's own corpus
 * only). Both are written here from the algorithms' descriptions and the benchmark's settings;
 * neither is used by a job.
 *
 * <ul>
 *   <li>{@link #skyline Etsy Skyline}: seven simple tests of the newest reading against the whole
 *       series so far; the score is the share of tests that fire (the benchmark averages the votes
 *       where Skyline itself takes a majority). Streaming, no look-ahead.
 *   <li>{@link #twitterAdVec Twitter ADVec}: seasonal hybrid ESD over the whole series at once
 *       (hindsight): a robust STL removes a seasonal cycle of {@value #ADVEC_PERIOD} readings and
 *       the median, then a generalised ESD test with the median and MAD flags at most {@value
 *       #ADVEC_MAX_ANOMS} of the readings at significance {@value #ADVEC_ALPHA} (the benchmark's
 *       {@code AnomalyDetectionVec(alpha=0.05, period=150, max_anoms=0.0020, direction='both')}).
 * </ul>
 */
final class ReferenceDetectors {

    /** ADVec's seasonal period, in readings (the benchmark's, whatever the series' step). */
    static final int ADVEC_PERIOD = 150;

    /** ADVec's significance level. */
    static final double ADVEC_ALPHA = 0.05;

    /** ADVec's largest share of readings it may flag. */
    static final double ADVEC_MAX_ANOMS = 0.002;

    /**
     * The longest series either is run on (the benchmark's longest has about 22,000 readings):
     * Skyline's cost grows with the square of the length, ADVec's with the length times the
     * anomalies it may flag; 50,000 readings take 3.4 s and 1.2 s here.
     */
    static final int MAX_READINGS = 50_000;

    private static final int SKYLINE_TESTS = 7;
    private static final long HOUR_MS = 3_600_000L;
    private static final int HISTOGRAM_BINS = 15;
    private static final int SPARSE_BIN = 20;
    private static final double EWM_ALPHA = 1.0 / 51; // pandas' ewma(com=50)

    private ReferenceDetectors() {}

    /**
     * Etsy Skyline's score of each reading (0, 1/7, ... 1) over the readings up to it: the share of
     * these tests that fire, each as Skyline wrote it (with its quirks: "tail" is the mean of the
     * last three readings; a test on too few readings does not fire):
     *
     * <ol>
     *   <li>median absolute deviation: the reading's distance to the median is over 6 times the
     *       median distance (never when that is 0);
     *   <li>first hour average: the tail is over 3 standard deviations from the mean of the hour
     *       that ended 23 hours before the reading;
     *   <li>standard deviation from the average: the tail against the whole series;
     *   <li>standard deviation from the moving average: the reading against an exponential mean and
     *       deviation of centre of mass 50;
     *   <li>mean subtraction cumulation: the reading against the mean and deviation of the readings
     *       before it;
     *   <li>least squares: the mean of the last three residuals of a straight line through the
     *       series (over time) is over 3 times the residuals' deviation, and both round to a
     *       non-zero integer (so it never fires on series whose residuals are under 0.5);
     *   <li>histogram bins: the tail falls in a bin of a 15-bin histogram of the series that holds
     *       20 readings or fewer.
     * </ol>
     *
     * Every reading is judged against all of the history, as the benchmark ran it: the cost grows
     * with the square of the series' length (16,000 readings take about a second).
     */
    static double[] skyline(long[] timesMs, double[] values) {
        int n = values.length;
        double[] scores = new double[n];
        double[] sorted = new double[n];
        Moments all = new Moments();
        Moments before = new Moments();
        Line line = new Line();
        double ewS0 = 0, ewS1 = 0, ewS2 = 0, ewQ = 0; // sums of weights, w·x, w·x², w²
        for (int i = 0; i < n; i++) {
            double v = values[i];
            insert(sorted, i, v);
            int count = i + 1;
            all.add(v);
            line.add(timesMs[i] / 1000.0, v);
            double decay = 1 - EWM_ALPHA;
            ewS0 = ewS0 * decay + 1;
            ewS1 = ewS1 * decay + v;
            ewS2 = ewS2 * decay + v * v;
            ewQ = ewQ * decay * decay + 1;
            double tail = i >= 2 ? (values[i] + values[i - 1] + values[i - 2]) / 3 : v;

            int votes = 0;
            if (medianAbsoluteDeviation(sorted, count, v)) {
                votes++;
            }
            if (firstHourAverage(timesMs, values, i, tail)) {
                votes++;
            }
            if (Math.abs(tail - all.mean) > 3 * all.sampleStd()) {
                votes++;
            }
            double ewMean = ewS1 / ewS0;
            double ewVar =
                    (ewS2 / ewS0 - ewMean * ewMean)
                            * (ewS0 * ewS0 / (ewS0 * ewS0 - ewQ)); // unbiased
            if (Math.abs(v - ewMean) > 3 * Math.sqrt(Math.max(0, ewVar))) {
                votes++;
            }
            if (Math.abs(v - before.mean) > 3 * before.sampleStd()) {
                votes++;
            }
            if (line.lastThreeFire(timesMs, values, i)) {
                votes++;
            }
            if (histogramBins(sorted, count, tail)) {
                votes++;
            }
            before.add(v);
            scores[i] = (double) votes / SKYLINE_TESTS;
        }
        return scores;
    }

    /**
     * Twitter ADVec's anomalies in a whole series: flags at the readings it reports. A series of
     * fewer than two periods, or too short for one anomaly at the share allowed, gets none (the R
     * package stops with an error there).
     */
    static boolean[] twitterAdVec(double[] values) {
        int n = values.length;
        boolean[] flags = new boolean[n];
        int maxOutliers = (int) Math.floor(n * ADVEC_MAX_ANOMS);
        if (n < 2 * ADVEC_PERIOD || maxOutliers == 0) {
            return flags;
        }
        double[] seasonal = periodicSeasonal(values);
        double median = median(values.clone(), n);
        int left = n;
        int[] index = new int[n];
        double[] rest = new double[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
            rest[i] = values[i] - seasonal[i] - median;
        }
        int[] found = new int[maxOutliers];
        int anomalies = 0;
        double[] scratch = new double[n];
        for (int i = 1; i <= maxOutliers; i++) {
            System.arraycopy(rest, 0, scratch, 0, left);
            double centre = median(scratch, left);
            for (int j = 0; j < left; j++) {
                scratch[j] = Math.abs(rest[j] - centre);
            }
            double sigma = 1.4826 * median(scratch, left); // R's mad()
            if (sigma == 0) {
                break;
            }
            int worst = 0;
            double r = -1;
            for (int j = 0; j < left; j++) {
                double a = Math.abs(rest[j] - centre) / sigma;
                if (a > r) {
                    r = a;
                    worst = j;
                }
            }
            found[i - 1] = index[worst];
            System.arraycopy(rest, worst + 1, rest, worst, left - worst - 1);
            System.arraycopy(index, worst + 1, index, worst, left - worst - 1);
            left--;
            double p = 1 - ADVEC_ALPHA / (2.0 * (n - i + 1));
            double t = new TDistribution(null, n - i - 1).inverseCumulativeProbability(p);
            double lambda = t * (n - i) / Math.sqrt((n - i - 1 + t * t) * (n - i + 1));
            if (r > lambda) {
                anomalies = i;
            }
        }
        for (int i = 0; i < anomalies; i++) {
            flags[found[i]] = true;
        }
        return flags;
    }

    /**
     * The seasonal part of R's {@code stl(x, s.window = "periodic", robust = TRUE)} with R's
     * default windows, made exactly periodic by averaging each position of the cycle, as R does.
     */
    private static double[] periodicSeasonal(double[] values) {
        int n = values.length;
        int period = ADVEC_PERIOD;
        int seasonalWidth = 10 * n + 1;
        int trendWidth = nextOdd(Math.ceil(1.5 * period / (1 - 1.5 / seasonalWidth)));
        int lowpassWidth = nextOdd(period);
        double[] seasonal =
                new SeasonalTrendLoess.Builder()
                        .setPeriodLength(period)
                        .setSeasonalWidth(seasonalWidth)
                        .setSeasonalDegree(0)
                        .setSeasonalJump((int) Math.ceil(seasonalWidth / 10.0))
                        .setTrendWidth(trendWidth)
                        .setTrendDegree(1)
                        .setTrendJump((int) Math.ceil(trendWidth / 10.0))
                        .setLowpassWidth(lowpassWidth)
                        .setLowpassDegree(1)
                        .setLowpassJump((int) Math.ceil(lowpassWidth / 10.0))
                        .setInnerIterations(1)
                        .setRobustnessIterations(15)
                        .buildSmoother(values)
                        .decompose()
                        .getSeasonal();
        double[] sum = new double[period];
        int[] count = new int[period];
        for (int i = 0; i < n; i++) {
            sum[i % period] += seasonal[i];
            count[i % period]++;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = sum[i % period] / count[i % period];
        }
        return out;
    }

    private static int nextOdd(double x) {
        int i = (int) Math.round(x);
        return i % 2 == 0 ? i + 1 : i;
    }

    /** The median of the first {@code n} values (reorders them). */
    private static double median(double[] values, int n) {
        Arrays.sort(values, 0, n);
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static void insert(double[] sorted, int count, double v) {
        int at = Arrays.binarySearch(sorted, 0, count, v);
        at = at >= 0 ? at : -at - 1;
        System.arraycopy(sorted, at, sorted, at + 1, count - at);
        sorted[at] = v;
    }

    /** Skyline's first test, with the median distance taken outwards from the median. */
    private static boolean medianAbsoluteDeviation(double[] sorted, int n, double last) {
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        int below = lowerBound(sorted, n, median) - 1; // readings under the median, walked down
        int above = below + 1; // readings at or over it, walked up
        double previous = 0;
        double current = 0;
        for (int k = 0; k <= n / 2; k++) {
            previous = current;
            boolean takeBelow =
                    above >= n || (below >= 0 && median - sorted[below] <= sorted[above] - median);
            current = takeBelow ? median - sorted[below--] : sorted[above++] - median;
        }
        double mad = n % 2 == 1 ? current : (previous + current) / 2;
        return mad != 0 && Math.abs(last - median) / mad > 6;
    }

    private static boolean firstHourAverage(long[] times, double[] values, int last, double tail) {
        long end = times[last] - 23 * HOUR_MS;
        long start = end - HOUR_MS;
        int from = lowerBound(times, last + 1, start);
        int to = lowerBound(times, last + 1, end);
        Moments hour = new Moments();
        for (int j = from; j < to; j++) {
            hour.add(values[j]);
        }
        return Math.abs(tail - hour.mean) > 3 * hour.sampleStd();
    }

    /** numpy's histogram(bins=15): equal bins over the range, the last one closed. */
    private static boolean histogramBins(double[] sorted, int n, double tail) {
        double lo = sorted[0];
        double hi = sorted[n - 1];
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double width = (hi - lo) / HISTOGRAM_BINS;
        double[] edges = new double[HISTOGRAM_BINS + 1];
        for (int k = 0; k < HISTOGRAM_BINS; k++) {
            edges[k] = lo + k * width;
        }
        edges[HISTOGRAM_BINS] = hi;
        for (int k = 0; k < HISTOGRAM_BINS; k++) {
            int under = lowerBound(sorted, n, edges[k]);
            int upTo = k == HISTOGRAM_BINS - 1 ? n : lowerBound(sorted, n, edges[k + 1]);
            if (upTo - under <= SPARSE_BIN) {
                if (k == 0 ? tail <= edges[0] : tail >= edges[k] && tail < edges[k + 1]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int lowerBound(double[] sorted, int n, double v) {
        return firstWhere(n, i -> sorted[i] >= v);
    }

    private static int lowerBound(long[] sorted, int n, long v) {
        return firstWhere(n, i -> sorted[i] >= v);
    }

    /** The first index under {@code n} where {@code holds} turns true (it stays true after). */
    private static int firstWhere(int n, java.util.function.IntPredicate holds) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (holds.test(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Running mean and variance (Welford); the sample deviation is NaN under two values. */
    private static final class Moments {
        long n;
        double mean = Double.NaN;
        double m2;

        void add(double v) {
            n++;
            if (n == 1) {
                mean = v;
                return;
            }
            double d = v - mean;
            mean += d / n;
            m2 += d * (v - mean);
        }

        double sampleStd() {
            return n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1));
        }
    }

    /** A least-squares line through (seconds, value), kept by centred running sums. */
    private static final class Line {
        long n;
        double meanX;
        double meanY;
        double cxx;
        double cxy;
        double cyy;

        void add(double x, double y) {
            n++;
            double dx = x - meanX;
            double dy = y - meanY;
            meanX += dx / n;
            meanY += dy / n;
            cxx += dx * (x - meanX);
            cxy += dx * (y - meanY);
            cyy += dy * (y - meanY);
        }

        boolean lastThreeFire(long[] timesMs, double[] values, int last) {
            if (n < 3) {
                return false;
            }
            // With every time equal, the least-squares solution is the flat line at the mean.
            double slope = cxx > 0 ? cxy / cxx : 0;
            double sse = cxx > 0 ? cyy - cxy * cxy / cxx : cyy;
            double std = Math.sqrt(Math.max(0, sse / n));
            double tail = 0;
            for (int j = last - 2; j <= last; j++) {
                tail += (values[j] - meanY) - slope * (timesMs[j] / 1000.0 - meanX);
            }
            tail /= 3;
            // Python 2's round() away from zero: a value rounds to 0 when under 0.5 in size.
            return Math.abs(tail) > std * 3 && std >= 0.5 && Math.abs(tail) >= 0.5;
        }
    }
}
