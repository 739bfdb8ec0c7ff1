package dev.streamwall.common.time;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Emits the value of each (event time, value) pair as a record stamped with that event time;
 * watermarks pass through unchanged. For the output of an operator that can only stamp its records
 * with the wall clock, such as CEP run in processing time over a stream that already arrives in
 * event-time order, so that event-time operators downstream see the time the records describe.
 */
public class AtEventTime<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<Tuple2<Long, T>, T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(StreamRecord<Tuple2<Long, T>> element) {
        Tuple2<Long, T> timed = element.getValue();
        output.collect(new StreamRecord<>(timed.f1, timed.f0));
    }
}
