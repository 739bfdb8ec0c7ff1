package dev.streamwall.pitwall.workflow;

/**
 * The pitwall job's operator uids. They name operator state in savepoints: never change one; add
 * new operators with new uids.
 */
public final class PitwallUids {
    /** The job's name: the prefix of every uid, of its consumer group and transactional ids. */
    public static final String JOB = "pitwall";

    public static final String TELEMETRY_SOURCE = "pitwall-telemetry-source";
    public static final String LAPS_SOURCE = "pitwall-laps-source";
    public static final String DECODE = "pitwall-decode";
    public static final String ORDERING = "pitwall-event-time-ordering";
    public static final String LAP_AGGREGATOR = "pitwall-lap-aggregator";
    public static final String PROVISIONAL_LAPS = "pitwall-provisional-laps";
    public static final String PROVISIONAL_FIELD = "pitwall-provisional-field";
    public static final String PROVISIONAL_STRATEGY = "pitwall-provisional-strategy";
    public static final String PROVISIONAL_CONDITIONS = "pitwall-provisional-conditions";
    public static final String PROVISIONAL_CEP_PREFIX = "pitwall-provisional-cep-";
    public static final String PROVISIONAL_ALERTS = "pitwall-provisional-alerts";
    public static final String LAP_TIMING = "pitwall-lap-timing";
    public static final String FIELD = "pitwall-field";
    public static final String STRATEGY = "pitwall-strategy";
    public static final String CONDITIONS = "pitwall-conditions";
    public static final String CEP_PREFIX = "pitwall-cep-";

    /** After a CEP uid: the filter of the conditions that can take part in the rule's matches. */
    public static final String CEP_INPUT_SUFFIX = "-input";

    public static final String ALERT_CANDIDATE_ORDERING = "pitwall-alert-candidate-ordering";
    public static final String ALERT_TRACKER = "pitwall-alert-tracker";
    public static final String DECIMATOR = "pitwall-telemetry-decimator";

    public static final String SINK_TELEMETRY_JDBC = "pitwall-sink-telemetry-jdbc";
    public static final String SINK_LAPS_JDBC = "pitwall-sink-laps-jdbc";
    public static final String SINK_LAPS_KAFKA = "pitwall-sink-laps-kafka";
    public static final String SINK_PROVISIONAL_LAPS_KAFKA = "pitwall-sink-provisional-laps-kafka";
    public static final String SINK_OUTLOOK_JDBC = "pitwall-sink-outlook-jdbc";
    public static final String SINK_DECISIONS_JDBC = "pitwall-sink-decisions-jdbc";
    public static final String SINK_DECISIONS_KAFKA = "pitwall-sink-decisions-kafka";
    public static final String SINK_PROVISIONAL_DECISIONS_KAFKA =
            "pitwall-sink-provisional-decisions-kafka";
    public static final String SINK_ALERTS_JDBC = "pitwall-sink-alerts-jdbc";
    public static final String SINK_ALERTS_KAFKA = "pitwall-sink-alerts-kafka";
    public static final String SINK_PROVISIONAL_ALERTS_KAFKA =
            "pitwall-sink-provisional-alerts-kafka";

    // The dead-letter and late sinks are <job>-sink-dead-letters-jdbc and -kafka, and
    // <job>-sink-late-kafka (Outputs).

    private PitwallUids() {}
}
