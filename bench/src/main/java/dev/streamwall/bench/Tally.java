package dev.streamwall.bench;

import dev.streamwall.wire.Json;
import java.nio.charset.StandardCharsets;
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
    private final SerializableFunction<? super T, String> canonical;

    private transient LongCounter count;
    private transient LongCounter digest;

    private Tally(String output, SerializableFunction<? super T, String> canonical) {
        this.output = output;
        this.canonical = canonical;
    }

    /** Ends {@code stream} in a counting, discarding sink named after {@code output}. */
    static <T> void attach(
            DataStream<T> stream,
            String output,
            TypeInformation<T> type,
            SerializableFunction<? super T, String> canonical) {
        stream.flatMap(new Tally<>(output, canonical), type)
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

    @Override
    public void open(OpenContext openContext) {
        count = new LongCounter();
        digest = new LongCounter();
        getRuntimeContext().addAccumulator(countKey(output), count);
        getRuntimeContext().addAccumulator(digestKey(output), digest);
    }

    @Override
    public void flatMap(T value, Collector<T> out) {
        count.add(1L);
        digest.add(fnv1a64(canonical.apply(value)));
    }

    static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
