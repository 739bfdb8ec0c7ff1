package dev.streamwall.generators.wire;

import java.io.Serializable;
import java.util.Locale;

/**
 * Per-record probabilities of delivery faults applied to a serialised sensor stream.
 *
 * @param outOfOrder a record is held back by up to {@link
 *     TransportFaultInjector#MAX_OUT_OF_ORDER_MS} of event time
 * @param late a record is held back by at least {@link TransportFaultInjector#MIN_LATE_MS} of event
 *     time, so it arrives behind any reasonable watermark
 * @param duplicate a record is sent twice with the same bytes
 * @param malformed an extra, broken record is sent after this one
 */
public record TransportFaults(double outOfOrder, double late, double duplicate, double malformed)
        implements Serializable {

    public static final TransportFaults NONE = new TransportFaults(0, 0, 0, 0);

    /** A little of everything: what {@code default} means on the command line. */
    public static final TransportFaults DEFAULT = new TransportFaults(0.01, 0.001, 0.001, 0.001);

    public TransportFaults {
        check("out-of-order", outOfOrder);
        check("late", late);
        check("duplicate", duplicate);
        check("malformed", malformed);
    }

    public boolean any() {
        return outOfOrder > 0 || late > 0 || duplicate > 0 || malformed > 0;
    }

    /**
     * Parses {@code none}, {@code default} ({@link #DEFAULT}) or a comma list such as {@code
     * out-of-order=0.01,late=0.001}; kinds not named are zero.
     */
    public static TransportFaults parse(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("none")) {
            return NONE;
        }
        if (s.equals("default")) {
            return DEFAULT;
        }
        double outOfOrder = 0;
        double late = 0;
        double duplicate = 0;
        double malformed = 0;
        for (String part : s.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(
                        "transport fault '" + p + "' needs a rate, for example " + p + "=0.01");
            }
            String kind = p.substring(0, eq).trim().replace('_', '-');
            double rate;
            try {
                rate = Double.parseDouble(p.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "transport fault rate '"
                                + p.substring(eq + 1).trim()
                                + "' is not a number");
            }
            switch (kind) {
                case "out-of-order", "ooo", "reorder" -> outOfOrder = rate;
                case "late" -> late = rate;
                case "duplicate", "duplicates", "dup" -> duplicate = rate;
                case "malformed", "bad" -> malformed = rate;
                default ->
                        throw new IllegalArgumentException(
                                "unknown transport fault '"
                                        + kind
                                        + "': use out-of-order, late, duplicate or malformed");
            }
        }
        return new TransportFaults(outOfOrder, late, duplicate, malformed);
    }

    private static void check(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(
                    "transport fault rate " + name + "=" + rate + " must be between 0 and 1");
        }
    }

    @Override
    public String toString() {
        if (!any()) {
            return "none";
        }
        return "out-of-order="
                + outOfOrder
                + ",late="
                + late
                + ",duplicate="
                + duplicate
                + ",malformed="
                + malformed;
    }
}
