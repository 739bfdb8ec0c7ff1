package dev.streamwall.generators.f1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwall.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Turns the simulator's samples (in event-time order) into wire records with seeded delivery
 * faults: held-back records, duplicates and malformed extras.
 *
 * <p>A held-back record is released once the stream's event time has passed its own by the delay,
 * so "late" means late relative to the records around it, which is what a watermark sees. Every
 * valid sample is delivered exactly once (plus any duplicate); malformed records are extra records
 * derived from the sample just sent.
 */
public final class TransportFaultInjector {

    public static final long MIN_OUT_OF_ORDER_MS = 50;
    public static final long MAX_OUT_OF_ORDER_MS = 500;
    public static final long MIN_LATE_MS = 15_000;
    public static final long MAX_LATE_MS = 20_000;

    /** The car number of {@link WireFault#UNKNOWN_CAR} records. */
    public static final int UNKNOWN_CAR = 99;

    private static final String[] NOT_JSON = {
        "<html><body>502 Bad Gateway</body></html>",
        "car=%d speed=281.4 gear=7",
        "\u0000\u0001\u0002\u00ff telemetry frame",
        "",
        "[object Object]"
    };

    private static final String[] NAN_FIELDS = {"speed", "engine_temp", "tyre_pressure_fl", "fuel"};

    private final TransportFaults rates;
    private final SplittableRandom rng;
    private final PriorityQueue<Held> held =
            new PriorityQueue<>(
                    (a, b) ->
                            a.releaseTs != b.releaseTs
                                    ? Long.compare(a.releaseTs, b.releaseTs)
                                    : Long.compare(a.seq, b.seq));
    private final EnumMap<WireFault, Long> counts = new EnumMap<>(WireFault.class);
    private long seq;
    private long maxTs = Long.MIN_VALUE;

    public TransportFaultInjector(TransportFaults rates, long seed) {
        this.rates = rates;
        this.rng = new SplittableRandom(seed ^ 0x7A5F_0C3E_91B2_D4A6L);
        for (WireFault f : WireFault.values()) {
            counts.put(f, 0L);
        }
    }

    /**
     * Serialises one sample and emits what the wire delivers now (possibly nothing, or several).
     */
    public void accept(Telemetry t, Consumer<WireRecord> out) {
        maxTs = Math.max(maxTs, t.ts);
        release(maxTs, out);
        byte[] bytes = Json.toBytes(t);
        String key = Integer.toString(t.car);
        if (!rates.any()) {
            increment(WireFault.NONE);
            out.accept(new WireRecord(key, bytes, t.ts, WireFault.NONE));
            return;
        }
        double u = rng.nextDouble();
        double dup = rng.nextDouble();
        double bad = rng.nextDouble();
        WireFault delivery = WireFault.NONE;
        long delay = 0;
        if (u < rates.late()) {
            delivery = WireFault.LATE;
            delay = MIN_LATE_MS + (long) ((MAX_LATE_MS - MIN_LATE_MS) * rng.nextDouble());
        } else if (u < rates.late() + rates.outOfOrder()) {
            delivery = WireFault.OUT_OF_ORDER;
            delay =
                    MIN_OUT_OF_ORDER_MS
                            + (long)
                                    ((MAX_OUT_OF_ORDER_MS - MIN_OUT_OF_ORDER_MS)
                                            * rng.nextDouble());
        }
        increment(delivery);
        WireRecord record = new WireRecord(key, bytes, t.ts, delivery);
        WireRecord copy =
                dup < rates.duplicate()
                        ? new WireRecord(key, bytes, t.ts, WireFault.DUPLICATE)
                        : null;
        if (copy != null) {
            increment(WireFault.DUPLICATE);
        }
        if (delay > 0) {
            held.add(new Held(t.ts + delay, seq++, record));
            if (copy != null) {
                held.add(new Held(t.ts + delay, seq++, copy));
            }
        } else {
            out.accept(record);
            if (copy != null) {
                out.accept(copy);
            }
        }
        if (bad < rates.malformed()) {
            WireFault kind = WireFault.MALFORMED.get(rng.nextInt(WireFault.MALFORMED.size()));
            increment(kind);
            out.accept(malformed(kind, t, bytes));
        }
    }

    /** Emits every record still held back, in release order (call at the end of the stream). */
    public void flush(Consumer<WireRecord> out) {
        while (!held.isEmpty()) {
            out.accept(held.poll().record);
        }
    }

    /** Records currently held back. */
    public int held() {
        return held.size();
    }

    /**
     * How many records of a kind were produced so far ({@link WireFault#NONE} counts clean sends).
     */
    public long count(WireFault kind) {
        return counts.get(kind);
    }

    public Map<WireFault, Long> counts() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /** Malformed records produced so far, all kinds. */
    public long malformedCount() {
        long n = 0;
        for (WireFault f : WireFault.MALFORMED) {
            n += counts.get(f);
        }
        return n;
    }

    private void release(long now, Consumer<WireRecord> out) {
        while (!held.isEmpty() && held.peek().releaseTs <= now) {
            out.accept(held.poll().record);
        }
    }

    private void increment(WireFault f) {
        counts.merge(f, 1L, Long::sum);
    }

    private WireRecord malformed(WireFault kind, Telemetry t, byte[] bytes) {
        String key = Integer.toString(t.car);
        byte[] value;
        switch (kind) {
            case NOT_JSON -> {
                String s = NOT_JSON[rng.nextInt(NOT_JSON.length)];
                value = String.format(s, t.car).getBytes(StandardCharsets.UTF_8);
            }
            case TRUNCATED -> {
                int cut = 1 + (int) ((bytes.length - 2) * (0.1 + 0.8 * rng.nextDouble()));
                value = Arrays.copyOf(bytes, cut);
            }
            case WRONG_TYPE -> {
                ObjectNode n = Json.MAPPER.valueToTree(t);
                switch (rng.nextInt(3)) {
                    case 0 -> n.put("speed", "fast");
                    case 1 -> n.put("lap", "three");
                    default -> n.put("engine_temp", "hot");
                }
                value = Json.toBytes(n);
            }
            case MISSING_FIELD -> {
                ObjectNode n = Json.MAPPER.valueToTree(t);
                n.remove(rng.nextBoolean() ? "car" : "ts");
                value = Json.toBytes(n);
            }
            case NOT_A_NUMBER -> {
                String field = NAN_FIELDS[rng.nextInt(NAN_FIELDS.length)];
                String json = new String(bytes, StandardCharsets.UTF_8);
                value =
                        json.replaceFirst(
                                        "\"" + field + "\":-?[0-9.Ee+-]+", "\"" + field + "\":NaN")
                                .getBytes(StandardCharsets.UTF_8);
            }
            case OUT_OF_RANGE -> {
                ObjectNode n = Json.MAPPER.valueToTree(t);
                if (rng.nextBoolean()) {
                    n.put("speed", 900.0);
                } else {
                    n.put("tyre_pressure_fl", -3.5);
                }
                value = Json.toBytes(n);
            }
            case UNKNOWN_CAR -> {
                ObjectNode n = Json.MAPPER.valueToTree(t);
                n.put("car", UNKNOWN_CAR);
                n.put("driver", "UNK");
                value = Json.toBytes(n);
                key = Integer.toString(UNKNOWN_CAR);
            }
            default -> throw new IllegalArgumentException(kind + " is not a malformed kind");
        }
        return new WireRecord(key, value, t.ts, kind);
    }

    private record Held(long releaseTs, long seq, WireRecord record) {}
}
