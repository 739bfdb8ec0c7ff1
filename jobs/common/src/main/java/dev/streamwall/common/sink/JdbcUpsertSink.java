package dev.streamwall.common.sink;

import dev.streamwall.common.options.JdbcSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * Writes a stream into PostgreSQL with a table's idempotent upsert ({@code INSERT ... ON CONFLICT}
 * on a deterministic key), at least once: every buffered row is written before a checkpoint
 * completes, and a restart from that checkpoint rewrites the same rows instead of adding new ones.
 * Rows are buffered up to {@link JdbcSettings#batchSize()} or {@link JdbcSettings#batchInterval()}
 * and written by an {@link UpsertWriter}: loaded with {@code COPY}, applied in one transaction.
 *
 * <p>It rides out database outages ({@link UpsertWriter}): while a batch is retried the job is
 * back-pressured and reads nothing more. The gauge {@code jdbc_unavailable_ms} (how long the
 * current outage has lasted, 0 when writing) and the counter {@code jdbc_retries} show it. A batch
 * the database refuses for its content or the schema fails the job after three attempts with the
 * database's message. {@link SinkWriter#close()} never throws: the error that ended the run is the
 * one reported.
 *
 * <p>Flink's {@code JdbcSink} (connector 4.0.0-2.0) is not used: its retry loop gives up at once
 * when it cannot reconnect, and its {@code close()} flushes again and throws, which took the
 * TaskManager down on a one-second database outage.
 *
 * <p>It keeps a committer with nothing to commit. The connector's sink had a committer operator
 * ({@code Sink Committer: <uid>}), and the savepoints of jobs deployed with it hold (empty) state
 * for that operator: a job restoring them must still have it, since every piece of state must find
 * its operator.
 */
public final class JdbcUpsertSink<T> implements Sink<T>, SupportsCommitter<Void> {
    private static final long serialVersionUID = 1L;

    private final JdbcSettings settings;
    private final String sql;
    private final RowBinder<T> binder;

    public JdbcUpsertSink(JdbcSettings settings, String sql, RowBinder<T> binder) {
        this.settings = settings;
        this.sql = sql;
        this.binder = binder;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>(this, context);
    }

    @Override
    public Committer<Void> createCommitter(CommitterInitContext context) {
        return new NothingToCommit();
    }

    @Override
    public SimpleVersionedSerializer<Void> getCommittableSerializer() {
        return new NoCommittables();
    }

    /** The committer kept for savepoint compatibility: rows are written before checkpoints. */
    private static final class NothingToCommit implements Committer<Void> {
        @Override
        public void commit(Collection<CommitRequest<Void>> requests) {}

        @Override
        public void close() {}
    }

    private static final class NoCommittables implements SimpleVersionedSerializer<Void> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Void nothing) {
            return new byte[0];
        }

        @Override
        public Void deserialize(int version, byte[] serialized) {
            return null;
        }
    }

    private static final class Writer<T> implements CommittingSinkWriter<T, Void> {
        private final UpsertWriter<T> writer;
        private final ProcessingTimeService time;
        private final TypeSerializer<T> copier;
        private final int batchSize;
        private final long batchIntervalMs;
        private final List<T> buffer = new ArrayList<>();
        private final Counter rowsOut;
        private ScheduledFuture<?> timer;

        Writer(JdbcUpsertSink<T> sink, WriterInitContext context) {
            SinkWriterMetricGroup metrics = context.metricGroup();
            Counter retries = metrics.counter("jdbc_retries");
            this.writer = new UpsertWriter<>(sink.settings, sink.sql, sink.binder, retries::inc);
            this.batchSize = sink.settings.batchSize();
            this.batchIntervalMs = sink.settings.batchInterval().toMillis();
            this.time = context.getProcessingTimeService();
            // Without object reuse every record handed over is the sink's own; with it, a copy.
            this.copier = context.isObjectReuseEnabled() ? context.createInputSerializer() : null;
            this.rowsOut = metrics.getNumRecordsSendCounter();
            metrics.gauge("jdbc_unavailable_ms", writer::unavailableMs);
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            buffer.add(copier == null ? element : copier.copy(element));
            if (buffer.size() >= batchSize) {
                writeBuffer();
            } else if (timer == null) {
                timer =
                        time.registerTimer(
                                time.getCurrentProcessingTime() + batchIntervalMs,
                                at -> {
                                    timer = null;
                                    writeBuffer();
                                });
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            writeBuffer();
        }

        @Override
        public Collection<Void> prepareCommit() {
            return List.of();
        }

        private void writeBuffer() throws IOException, InterruptedException {
            writer.write(buffer);
            rowsOut.inc(buffer.size());
            buffer.clear();
        }

        /** Never throws: rows still buffered were not checkpointed and will be read again. */
        @Override
        public void close() {
            if (timer != null) {
                timer.cancel(false);
            }
            writer.close();
        }
    }
}
