package dev.streamwall.runner.run;

import dev.streamwall.common.job.StreamwallJob;
import dev.streamwall.generators.replay.CsvReplay;
import java.util.List;

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

    /** Arguments the job needs for a recording, beyond endpoints and topics. */
    default List<String> extraArgs() {
        return List.of();
    }
}
