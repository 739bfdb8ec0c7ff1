package dev.streamwall.common.cep;

import dev.streamwall.common.time.AtEventTime;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.util.FunctionUtils;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * CEP over a keyed stream whose events reach it in event-time order per key, each before the
 * watermark that passes it (made by an operator that releases them on the watermark, upstream in
 * the same order). CEP in event time would write each event to keyed state with a timer and iterate
 * that queue at every watermark (on RocksDB, through the tombstones of every event it already
 * took); here CEP runs in processing time, which applies each event as it arrives: the same
 * matches, in the same place among the watermarks. Its matches, which processing-time CEP stamps
 * with the wall clock, are stamped with the event time of the latest event in each ({@link
 * AtEventTime}), as CEP in event time stamps them.
 *
 * <p>The pattern must not use {@code within}: in processing time it would count wall-clock time.
 * Bound it by its own events instead (a counted stage, a time check in a condition).
 */
public final class OrderedCep {

    /** After the CEP operator's uid: the uid of the operator that stamps its matches. */
    public static final String EVENT_TIME_SUFFIX = "-event-time";

    private OrderedCep() {}

    /**
     * The matches of {@code pattern} on {@code ordered}, as {@code onMatch} describes them, each at
     * the event time of its latest event by {@code eventTime} (an event's timestamp in the stream);
     * the CEP operator under {@code uid} and {@code name}, the stamping operator under {@code uid}
     * + {@link #EVENT_TIME_SUFFIX}.
     */
    public static <IN, K, OUT> SingleOutputStreamOperator<OUT> matches(
            KeyedStream<IN, K> ordered,
            Pattern<IN, ?> pattern,
            PatternProcessFunction<IN, OUT> onMatch,
            SerializableFunction<IN, Long> eventTime,
            TypeInformation<OUT> type,
            String uid,
            String name) {
        if (pattern.getWindowSize().isPresent()) {
            throw new IllegalArgumentException(
                    name + ": a pattern with within() needs CEP in event time");
        }
        return CEP.pattern(ordered, pattern)
                .inProcessingTime()
                .process(
                        new Timed<>(onMatch, eventTime),
                        Types.<Tuple2<Long, OUT>>TUPLE(Types.LONG, type))
                .uid(uid)
                .name(name)
                .transform(name + " at event time", type, new AtEventTime<>())
                .uid(uid + EVENT_TIME_SUFFIX)
                .name(name + " at event time");
    }

    /** {@code onMatch}'s outputs, each paired with the event time of its match's latest event. */
    static final class Timed<IN, OUT> extends PatternProcessFunction<IN, Tuple2<Long, OUT>> {
        private static final long serialVersionUID = 1L;

        private final PatternProcessFunction<IN, OUT> onMatch;
        private final SerializableFunction<IN, Long> eventTime;

        Timed(PatternProcessFunction<IN, OUT> onMatch, SerializableFunction<IN, Long> eventTime) {
            this.onMatch = onMatch;
            this.eventTime = eventTime;
        }

        @Override
        public void open(OpenContext openContext) throws Exception {
            FunctionUtils.setFunctionRuntimeContext(onMatch, getRuntimeContext());
            FunctionUtils.openFunction(onMatch, openContext);
        }

        @Override
        public void close() throws Exception {
            FunctionUtils.closeFunction(onMatch);
        }

        @Override
        public void processMatch(
                Map<String, List<IN>> match, Context ctx, Collector<Tuple2<Long, OUT>> out)
                throws Exception {
            long latest = Long.MIN_VALUE;
            for (List<IN> stage : match.values()) {
                for (IN event : stage) {
                    latest = Math.max(latest, eventTime.apply(event));
                }
            }
            long at = latest;
            onMatch.processMatch(
                    match,
                    ctx,
                    new Collector<>() {
                        @Override
                        public void collect(OUT record) {
                            out.collect(Tuple2.of(at, record));
                        }

                        @Override
                        public void close() {}
                    });
        }
    }
}
