package dev.streamwall.factory.workflow;

/**
 * The factory job's operator uids. They name operator state in savepoints: never change one; add
 * new operators with new uids.
 */
public final class FactoryUids {
    /** The job's name: the prefix of every uid, of its consumer group and transactional ids. */
    public static final String JOB = "factory";

    public static final String READINGS_SOURCE = "factory-readings-source";
    public static final String DECODE = "factory-decode";
    public static final String ORDERING = "factory-event-time-ordering";
    public static final String SCORER = "factory-sensor-scorer";
    public static final String STATS_WINDOW = "factory-sensor-stats-window";
    public static final String CEP_PREFIX = "factory-cep-";
    public static final String ALERT_TRACKER = "factory-alert-tracker";

    /** Provisional alerts ({@code --provisional-alerts-topic}). */
    public static final String PROVISIONAL_SCORER = "factory-provisional-sensor-scorer";

    public static final String CEP_PROVISIONAL_PREFIX = "factory-provisional-cep-";
    public static final String PROVISIONAL_ALERTS = "factory-provisional-alerts";
    public static final String SINK_PROVISIONAL_ALERTS_KAFKA =
            "factory-sink-provisional-alerts-kafka";
    public static final String DECIMATOR = "factory-readings-decimator";

    public static final String SINK_READINGS_JDBC = "factory-sink-readings-jdbc";
    public static final String SINK_ANOMALIES_JDBC = "factory-sink-anomalies-jdbc";
    public static final String SINK_ANOMALIES_KAFKA = "factory-sink-anomalies-kafka";
    public static final String SINK_ALERTS_JDBC = "factory-sink-alerts-jdbc";
    public static final String SINK_ALERTS_KAFKA = "factory-sink-alerts-kafka";
    public static final String SINK_STATS_JDBC = "factory-sink-stats-jdbc";

    // The dead-letter and late sinks are <job>-sink-dead-letters-jdbc and -kafka, and
    // <job>-sink-late-kafka (Outputs).

    private FactoryUids() {}
}
