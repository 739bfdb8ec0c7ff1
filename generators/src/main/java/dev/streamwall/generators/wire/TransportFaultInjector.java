package dev.streamwall.generators.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwall.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Turns a simulation's records (in event-time order) into wire records with seeded delivery faults:
 * held-back records, duplicates and malformed extras.
 *
 * <p>A held-back record is released once the stream's event time has passed its own by the delay,
 * so "late" means late relative to the records around it, which is what a watermark sees. Every
 * valid record is delivered exactly once (plus any duplicate); malformed records are extra records
 * derived from the record just sent.
 *
 * @param <T> the record type
 */
public final class TransportFaultInjector<T> {

    public static final long MIN_OUT_OF_ORDER_MS = 50;
    public static final long MAX_OUT_OF_ORDER_MS = 500;
    public static final long MIN_LATE_MS = 15_000;
    public static final long MAX_LATE_MS = 20_000;

    private static final String[] NOT_JSON = {
        "<html><body>502 Bad Gateway</body></html>",
        "id=%s value=281.4 unit=7",
        "\u0000\u0001\u0002\u00ff sensor frame",
        "",
        "[object Object]"
    };

    private final WireFormat<T> format;
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

    public TransportFaultInjector(WireFormat<T> format, TransportFaults rates, long seed) {
        this.format = format;
        this.rates = rates;
        this.rng = new SplittableRandom(seed ^ 0x7A5F_0C3E_91B2_D4A6L);
        for (WireFault f : WireFault.values()) {
            counts.put(f, 0L);
        }
    }

    /**
     * Serialises one record and emits what the wire delivers now (possibly nothing, or several).
     */
    public void accept(T t, Consumer<WireRecord> out) {
        long ts = format.ts(t);
        maxTs = Math.max(maxTs, ts);
        release(maxTs, out);
        byte[] bytes = format.toBytes(t);
        String key = format.key(t);
        if (!rates.any()) {
            increment(WireFault.NONE);
            out.accept(new WireRecord(key, bytes, ts, WireFault.NONE));
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
        WireRecord record = new WireRecord(key, bytes, ts, delivery);
        WireRecord copy =
                dup < rates.duplicate()
                        ? new WireRecord(key, bytes, ts, WireFault.DUPLICATE)
                        : null;
        if (copy != null) {
            increment(WireFault.DUPLICATE);
        }
        if (delay > 0) {
            held.add(new Held(ts + delay, seq++, record));
            if (copy != null) {
                held.add(new Held(ts + delay, seq++, copy));
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
            out.accept(malformed(kind, key, ts, bytes));
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

    private WireRecord malformed(WireFault kind, String key, long ts, byte[] bytes) {
        String outKey = key;
        byte[] value;
        switch (kind) {
            case NOT_JSON -> {
                String s = NOT_JSON[rng.nextInt(NOT_JSON.length)];
                value = String.format(s, key).getBytes(StandardCharsets.UTF_8);
            }
            case TRUNCATED -> {
                int cut = 1 + (int) ((bytes.length - 2) * (0.1 + 0.8 * rng.nextDouble()));
                value = Arrays.copyOf(bytes, cut);
            }
            case NOT_A_NUMBER -> {
                List<String> fields = format.numericFields();
                String field = fields.get(rng.nextInt(fields.size()));
                String json = new String(bytes, StandardCharsets.UTF_8);
                value =
                        json.replaceFirst(
                                        "\"" + field + "\":-?[0-9.Ee+-]+", "\"" + field + "\":NaN")
                                .getBytes(StandardCharsets.UTF_8);
            }
            case WRONG_TYPE, MISSING_FIELD, OUT_OF_RANGE, UNKNOWN_SOURCE -> {
                ObjectNode n = readObject(bytes);
                format.corrupt(kind, n, rng);
                outKey = format.keyOf(kind, n, key);
                value = Json.toBytes(n);
            }
            default -> throw new IllegalArgumentException(kind + " is not a malformed kind");
        }
        return new WireRecord(outKey, value, ts, kind);
    }

    private static ObjectNode readObject(byte[] bytes) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("a record of this format is not a JSON object", e);
        }
    }

    private record Held(long releaseTs, long seq, WireRecord record) {}
}
