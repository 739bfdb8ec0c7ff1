package dev.streamwall.cityflow.functions;

import dev.streamwall.common.kafka.DeadLetterMetrics;
import dev.streamwall.common.kafka.DeadLetterSplitter;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.records.DeadLetter;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.city.RoadRecord;
import dev.streamwall.wire.Json;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets through the readings the job can use: records that did not decode are dead-lettered with
 * their reason, and so are readings of a road the road graph does not have ({@code UNKNOWN_ROAD}).
 * A job whose graph is empty (a recording replayed without a road network) takes every road. Counts
 * {@code events_in} and {@code dead_letters} by reason.
 */
public class ReadingGate
        extends BroadcastProcessFunction<Decoded<RoadReading>, RoadRecord, RoadReading> {
    private static final long serialVersionUID = 1L;

    public static final String UNKNOWN_ROAD = "UNKNOWN_ROAD";

    private final String job;
    private final RoadGraphState graph;
    private transient DeadLetterMetrics metrics;

    public ReadingGate(String job, RoadGraphState graph) {
        this.job = job;
        this.graph = graph;
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = new DeadLetterMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(
            Decoded<RoadReading> d, ReadOnlyContext ctx, Collector<RoadReading> out)
            throws Exception {
        if (d.value == null) {
            ctx.output(DeadLetterSplitter.DEAD_LETTERS, metrics.rejected(d.deadLetter));
            return;
        }
        RoadReading r = d.value;
        ReadOnlyBroadcastState<String, RoadRecord> updates =
                ctx.getBroadcastState(RoadGraphState.DESCRIPTOR);
        if (!graph.known(updates) || graph.road(updates, r.road) != null) {
            metrics.accepted();
            out.collect(r);
            return;
        }
        String[] at = d.source == null ? new String[0] : d.source.split("/");
        boolean fromKafka = at.length == 3;
        DeadLetter letter =
                DeadLetter.of(
                        job,
                        fromKafka ? at[0] : "",
                        fromKafka ? Integer.parseInt(at[1]) : -1,
                        fromKafka ? Long.parseLong(at[2]) : -1,
                        UNKNOWN_ROAD,
                        "road '"
                                + r.road
                                + "' (sensor "
                                + r.sensor
                                + ") is not in the road graph; publish the road to the roads topic"
                                + " or fix the sensor's road id",
                        r.sensor == null ? null : r.sensor.getBytes(StandardCharsets.UTF_8),
                        Json.toBytes(r));
        if (!fromKafka) {
            letter.id = job + ":" + r.sensor + ":" + r.ts;
        }
        ctx.output(DeadLetterSplitter.DEAD_LETTERS, metrics.rejected(letter));
    }

    @Override
    public void processBroadcastElement(RoadRecord r, Context ctx, Collector<RoadReading> out)
            throws Exception {
        RoadGraphState.apply(ctx.getBroadcastState(RoadGraphState.DESCRIPTOR), r);
    }
}
