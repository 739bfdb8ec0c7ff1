package dev.streamwall.bench;

import dev.streamwall.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.Histogram;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * A discarding sink that counts an output's records and sums a 64-bit FNV-1a hash of each record's
 * canonical form into Flink accumulators: a digest that does not depend on the order or the
 * parallelism in which the records arrive, so runs of the same input can be compared.
 */
final class Tally<T> extends RichFlatMapFunction<T, T> {
    private static final long serialVersionUID = 1L;

    private final String output;
    private final SerializableFunction<? super T, Long> digestOf;
    private final SerializableFunction<? super T, Long> receivedAt;

    private transient LongCounter count;
    private transient LongCounter digest;
    private transient Histogram latency;

    private Tally(
            String output,
            SerializableFunction<? super T, Long> digestOf,
            SerializableFunction<? super T, Long> receivedAt) {
        this.output = output;
        this.digestOf = digestOf;
        this.receivedAt = receivedAt;
    }

    /** Ends {@code stream} in a counting, discarding sink named after {@code output}. */
    static <T> void attach(
            DataStream<T> stream,
            String output,
            TypeInformation<T> type,
            SerializableFunction<? super T, String> canonical) {
        attach(stream, output, type, canonical, null);
    }

    /**
     * As {@link #attach(DataStream, String, TypeInformation, SerializableFunction)}, and records
     * each record's latency: now less {@code receivedAt}, the wall-clock time at which the job
     * decoded the input record behind it (records without one are not timed).
     */
    static <T> void attach(
            DataStream<T> stream,
            String output,
            TypeInformation<T> type,
            SerializableFunction<? super T, String> canonical,
            SerializableFunction<? super T, Long> receivedAt) {
        end(
                stream,
                output,
                type,
                new Tally<>(output, v -> fnv1a64(canonical.apply(v)), receivedAt));
    }

    /**
     * As {@link #attach(DataStream, String, TypeInformation, SerializableFunction)} with each
     * record's digest computed by {@code digestOf} (the same value as the FNV-1a hash of its
     * canonical form, without building the string: see {@link #fnv1a64(long, long)}).
     */
    static <T> void attachDigested(
            DataStream<T> stream,
            String output,
            TypeInformation<T> type,
            SerializableFunction<? super T, Long> digestOf) {
        end(stream, output, type, new Tally<>(output, digestOf, null));
    }

    private static <T> void end(
            DataStream<T> stream, String output, TypeInformation<T> type, Tally<T> tally) {
        stream.flatMap(tally, type)
                .uid("bench-tally-" + output)
                .name("Tally " + output)
                .sinkTo(new DiscardingSink<>())
                .uid("bench-discard-" + output)
                .name("Discard " + output);
    }

    /** A record's JSON wire form: every field but those the wire leaves out (wall-clock stamps). */
    static final SerializableFunction<Object, String> JSON = v -> Json.toString(v);

    static String countKey(String output) {
        return output + ".count";
    }

    static String digestKey(String output) {
        return output + ".digest";
    }

    static String latencyKey(String output) {
        return output + ".latency";
    }

    /** p50, p99, p99.9 and max of a histogram of milliseconds, named after the output. */
    static Map<String, Double> percentiles(String output, Map<Integer, Integer> unsorted) {
        TreeMap<Integer, Integer> histogram = new TreeMap<>(unsorted);
        long n = 0;
        for (int c : histogram.values()) {
            n += c;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(output + ".count", (double) n);
        double[] quantiles = {0.5, 0.99, 0.999};
        String[] names = {"p50", "p99", "p999"};
        for (int q = 0; q < quantiles.length; q++) {
            long rank = (long) Math.ceil(quantiles[q] * n);
            long seen = 0;
            for (Map.Entry<Integer, Integer> e : histogram.entrySet()) {
                seen += e.getValue();
                if (seen >= rank) {
                    out.put(output + "." + names[q], (double) e.getKey());
                    break;
                }
            }
        }
        out.put(output + ".max", (double) histogram.lastKey());
        return out;
    }

    @Override
    public void open(OpenContext openContext) {
        count = new LongCounter();
        digest = new LongCounter();
        getRuntimeContext().addAccumulator(countKey(output), count);
        getRuntimeContext().addAccumulator(digestKey(output), digest);
        if (receivedAt != null) {
            latency = new Histogram();
            getRuntimeContext().addAccumulator(latencyKey(output), latency);
        }
    }

    @Override
    public void flatMap(T value, Collector<T> out) {
        count.add(1L);
        digest.add(digestOf.apply(value));
        if (latency != null) {
            long at = receivedAt.apply(value);
            if (at > 0) {
                latency.add((int) Math.min(Integer.MAX_VALUE, System.currentTimeMillis() - at));
            }
        }
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    static long fnv1a64(String s) {
        long h = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    /**
     * {@code fnv1a64(key + "@" + at)} without the string: the canonical form of a record that one
     * key and one time identify (a telemetry sample, one per event, where building the string was a
     * twentieth of the graph's CPU).
     */
    static long fnv1a64(long key, long at) {
        if (key < 0 || at < 0) {
            return fnv1a64(key + "@" + at);
        }
        long h = digits(FNV_OFFSET, key);
        h = (h ^ '@') * FNV_PRIME;
        return digits(h, at);
    }

    /** Hashes the decimal digits of {@code v} (at least 0), the most significant first. */
    private static long digits(long h, long v) {
        long scale = 1;
        while (v / scale >= 10) {
            scale *= 10;
        }
        for (; scale > 0; scale /= 10) {
            h = (h ^ ('0' + (v / scale) % 10)) * FNV_PRIME;
        }
        return h;
    }
}
