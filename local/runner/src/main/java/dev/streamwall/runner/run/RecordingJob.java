package dev.streamwall.runner.run;

import dev.streamwall.common.job.StreamwallJob;
import dev.streamwall.generators.replay.CsvReplay;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * One job's part of {@code streamwall run}: the job, the topic option its recording goes to, how a
 * row of the file becomes a record, and the tables it writes. {@link RecordingRun} does the rest.
 */
public interface RecordingJob {

    /** The job, as {@code flink run} builds it. */
    StreamwallJob<?> job();

    /** The option naming the input topic the recording is replayed into. */
    String inputOption();

    /** Turns a row of the file into a record of the input topic. */
    CsvReplay.RowMapper mapper();

    /** The job's output tables, in the order the summary shows them. */
    List<String> tables();

    /** What each table's rows are, for the summary (the same order as {@link #tables()}). */
    List<String> tableLabels();

    /**
     * The job's decisions scored against the recording itself, label → value, for the summary
     * (nothing when the recording holds no truth to score against).
     */
    default Map<String, String> score(Connection db) throws SQLException {
        return Map.of();
    }

    /**
     * Records for the job's other input topics (by topic option), published after the recording and
     * before the job starts: reference data such as a road graph. {@code firstTs} is the event time
     * of the recording's first record.
     */
    default Map<String, List<CsvReplay.Row>> referenceData(long firstTs) {
        return Map.of();
    }

    /** Arguments the job needs for a recording, beyond endpoints and topics. */
    default List<String> extraArgs() {
        return List.of();
    }
}
