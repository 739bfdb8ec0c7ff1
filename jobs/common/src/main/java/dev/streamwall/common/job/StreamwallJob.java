package dev.streamwall.common.job;

import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What makes a job of the suite: its name, its options, and its graph with sources and outputs.
 * {@link JobMain} does the rest the same way for every job (parsing, migrations, job parameters,
 * execution).
 */
public interface StreamwallJob<O extends JobOptions> {

    /**
     * The job's short name ({@code pitwall}): dead letters carry it, and the default consumer group
     * and the Kafka transactional ids start with it.
     */
    String name();

    /** A fresh options object with every default set. */
    O newOptions();

    /** Checks options across fields; throws IllegalArgumentException naming the option. */
    default void check(O options) {}

    /** Adds the job's graph to {@code env}: its Kafka sources, the workflow and its outputs. */
    void define(StreamExecutionEnvironment env, O options);

    /**
     * The job's own options as job parameters (shown in the Flink UI), beside the shared ones that
     * {@link JobMain#parameters} adds; never a secret.
     */
    Map<String, String> parameters(O options);
}
