package dev.streamwall.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The bench's progress lines, one a run as it completes, before the tables at the end. */
final class Progress {

    private Progress() {}

    /**
     * The run of median events per CPU-second among repeated runs of one graph, printed with the
     * others' range; and any run whose outputs differ from it (the report then says so).
     */
    static List<Measurement> median(PrintWriter out, List<Measurement> runs) {
        List<Measurement> sorted =
                runs.stream()
                        .sorted(Comparator.comparingDouble(Measurement::eventsPerCpuSecond))
                        .toList();
        Measurement median = sorted.get(sorted.size() / 2);
        List<Measurement> kept = new ArrayList<>(List.of(median));
        for (int i = 0; i < runs.size(); i++) {
            Measurement m = runs.get(i);
            if (m != median
                    && (!m.counts().equals(median.counts())
                            || !m.digests().equals(median.digests()))) {
                kept.add(
                        new Measurement(
                                m.job(),
                                m.leg(),
                                m.variant() + " (run " + (i + 1) + ")",
                                m.events(),
                                m.wallSeconds(),
                                m.cpuSeconds(),
                                m.bytesPerEvent(),
                                m.counts(),
                                m.digests(),
                                m.latencyMs()));
            }
        }
        if (runs.size() == 1) {
            of(out, median);
        } else {
            out.printf(
                    Locale.ROOT,
                    "  %-9s %-15s %,12.0f events/CPU-s (median of %d runs: %,.0f to %,.0f)%n",
                    median.leg(),
                    median.variant(),
                    median.eventsPerCpuSecond(),
                    runs.size(),
                    sorted.get(0).eventsPerCpuSecond(),
                    sorted.get(sorted.size() - 1).eventsPerCpuSecond());
            out.flush();
        }
        return kept;
    }

    /** Prints one run's line as it completes and returns it. */
    static Measurement of(PrintWriter out, Measurement m) {
        if (m.leg().equals("sink")) {
            out.printf(
                    Locale.ROOT,
                    "  %-9s %-26s %,10.0f rows/s%n",
                    m.leg(),
                    m.variant(),
                    m.eventsPerSecond());
            out.flush();
            return m;
        }
        out.printf(
                Locale.ROOT,
                "  %-9s %-15s %,12.0f events/CPU-s%n",
                m.leg(),
                m.variant(),
                m.eventsPerCpuSecond());
        out.flush();
        return m;
    }
}
