package dev.streamwall.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A sink that keeps up to {@code limit} records of a stream in this JVM, where the bench's local
 * MiniCluster runs: the rows a job produced for a table, for the sink leg to write.
 */
final class Collected<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private static final Map<String, List<Object>> RECORDS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final int limit;

    private Collected(int limit) {
        this.limit = limit;
        RECORDS.put(id, new ArrayList<>());
    }

    /** Keeps up to {@code limit} records of {@code stream} (parallelism 1, arrival order). */
    static <T> Collected<T> attach(DataStream<T> stream, String name, int limit) {
        Collected<T> sink = new Collected<>(limit);
        stream.sinkTo(sink).setParallelism(1).uid("bench-collect-" + name).name("Collect " + name);
        return sink;
    }

    /** The records kept, once the job has finished; they are forgotten here. */
    @SuppressWarnings("unchecked")
    List<T> records() {
        return (List<T>) RECORDS.remove(id);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> kept = RECORDS.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context c) {
                synchronized (kept) {
                    if (kept.size() < limit) {
                        kept.add(element);
                    }
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
