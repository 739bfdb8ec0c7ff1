package dev.streamwall.common.kafka;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Where Kafka inputs start, and the event-time watermark strategies of decoded records. */
public final class KafkaSources {

    private KafkaSources() {}

    /**
     * Event time from the records themselves, bounded out-of-orderness, and idleness so that a
     * quiet partition does not hold the watermark back (null: no idleness, for bounded reads). Dead
     * letters carry no event time.
     */
    public static <T> WatermarkStrategy<Decoded<T>> watermarks(
            Duration outOfOrderness, Duration idleness) {
        WatermarkStrategy<Decoded<T>> strategy =
                WatermarkStrategy.<Decoded<T>>forBoundedOutOfOrderness(outOfOrderness)
                        .withTimestampAssigner((d, kafkaTs) -> d.eventTime);
        return idleness == null ? strategy : strategy.withIdleness(idleness);
    }

    /**
     * For slowly changing reference data (a road graph) joined to an event-time stream: its
     * watermark is always the end of time, so it never holds the other input's watermark back, and
     * its records are applied in arrival order.
     */
    public static <T> WatermarkStrategy<Decoded<T>> neverHoldsBack() {
        return WatermarkStrategy.<Decoded<T>>forGenerator(ctx -> new EndOfTime<>())
                .withTimestampAssigner((d, kafkaTs) -> kafkaTs);
    }

    private static final class EndOfTime<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }
}
