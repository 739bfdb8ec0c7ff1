package dev.streamwall.wire;

/**
 * The default Kafka topic of every stream the suite reads or writes, written once: job options,
 * generators, the local runner and the tests take their defaults from here.
 */
public final class Topics {

    /** Car telemetry, JSON, keyed by car number (pitwall's input). */
    public static final String F1_TELEMETRY = "f1.telemetry";

    /** Lap analytics (pitwall's output), or recorded lap timing with {@code --input LAPS}. */
    public static final String F1_LAPS = "f1.laps";

    public static final String F1_DECISIONS = "f1.decisions";
    public static final String F1_ALERTS = "f1.alerts";
    public static final String F1_DEAD_LETTERS = "f1.dead-letters";
    public static final String F1_TELEMETRY_LATE = "f1.telemetry.late";

    /** Ground truth of the injected car faults (the race generator's). */
    public static final String F1_LABELS = "f1.labels";

    /** Road sensor readings, JSON, keyed by sensor (cityflow's input). */
    public static final String CITY_READINGS = "city.readings";

    /** The road graph, compacted, keyed by road id (cityflow's second input). */
    public static final String CITY_ROADS = "city.roads";

    public static final String CITY_PREDICTIONS = "city.predictions";
    public static final String CITY_REROUTES = "city.reroutes";
    public static final String CITY_INCIDENTS = "city.incidents";
    public static final String CITY_DEAD_LETTERS = "city.dead-letters";
    public static final String CITY_READINGS_LATE = "city.readings.late";

    /** What the simulated city really did per road and minute (the city generator's). */
    public static final String CITY_TRUTH = "city.truth";

    /**
     * Machine sensor readings, JSON, one reading per record, keyed by machine (factory's input).
     */
    public static final String FACTORY_READINGS = "factory.readings";

    public static final String FACTORY_ANOMALIES = "factory.anomalies";
    public static final String FACTORY_ALERTS = "factory.alerts";
    public static final String FACTORY_DEAD_LETTERS = "factory.dead-letters";
    public static final String FACTORY_READINGS_LATE = "factory.readings.late";

    /** Ground truth of the injected machine faults (the plant generator's). */
    public static final String FACTORY_LABELS = "factory.labels";

    private Topics() {}
}
