package dev.streamwall.cityflow.workflow;

/**
 * The cityflow job's operator uids. They name operator state in savepoints: never change one; add
 * new operators with new uids.
 */
public final class CityflowUids {
    /** The job's name: the prefix of every uid, of its consumer group and transactional ids. */
    public static final String JOB = "cityflow";

    public static final String READINGS_SOURCE = "cityflow-readings-source";
    public static final String ROADS_SOURCE = "cityflow-roads-source";
    public static final String DECODE = "cityflow-decode";
    public static final String DECODE_ROADS = "cityflow-decode-roads";
    public static final String MINUTE_WINDOW = "cityflow-road-minute-window";
    public static final String LATE_COUNTER = "cityflow-late-counter";
    public static final String PREDICTOR = "cityflow-road-predictor";

    /** The predictor of an extra horizon ({@code --extra-horizons}), by its minutes. */
    public static String predictor(int horizonMin) {
        return PREDICTOR + "-" + horizonMin + "m";
    }

    /** Provisional minutes and their predictions ({@code --provisional-predictions-topic}). */
    public static final String PROVISIONAL_MINUTES = "cityflow-provisional-minutes";

    public static final String PROVISIONAL_PREDICTOR = "cityflow-provisional-predictor";
    public static final String SINK_PROVISIONAL_PREDICTIONS_KAFKA =
            "cityflow-sink-provisional-predictions-kafka";

    public static final String CITY_VIEW = "cityflow-city-view";
    public static final String CEP_ONSET = "cityflow-cep-congestion-onset";

    public static final String CEP_INCIDENT = "cityflow-cep-incident";

    public static final String INCIDENT_TRACKER = "cityflow-incident-tracker";
    public static final String DECIMATOR = "cityflow-readings-decimator";

    public static final String SINK_RAW_JDBC = "cityflow-sink-traffic-raw-jdbc";
    public static final String SINK_ROADS_JDBC = "cityflow-sink-roads-jdbc";
    public static final String SINK_PREDICTIONS_JDBC = "cityflow-sink-predictions-jdbc";
    public static final String SINK_PREDICTIONS_KAFKA = "cityflow-sink-predictions-kafka";
    public static final String SINK_REROUTES_JDBC = "cityflow-sink-reroutes-jdbc";
    public static final String SINK_REROUTES_KAFKA = "cityflow-sink-reroutes-kafka";
    public static final String SINK_INCIDENTS_JDBC = "cityflow-sink-incidents-jdbc";
    public static final String SINK_INCIDENTS_KAFKA = "cityflow-sink-incidents-kafka";

    // The dead-letter and late sinks are <job>-sink-dead-letters-jdbc and -kafka, and
    // <job>-sink-late-kafka (Outputs).

    private CityflowUids() {}
}
