package dev.streamwall.scenarios.pitwall;

import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.generators.F1RacePublisher;
import dev.streamwall.generators.f1.FaultLabel;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulation;
import dev.streamwall.generators.f1.TelemetryWireFormat;
import dev.streamwall.pitwall.PitwallJob;
import dev.streamwall.pitwall.PitwallOptions;
import dev.streamwall.scenarios.ScenarioStack;
import java.util.List;

/** One test's pitwall deployment on the shared broker and database, fed by the race generator. */
final class PitwallStack extends ScenarioStack<PitwallOptions> {

    static final String[] TABLES = {
        "laps",
        "race_id, car, lap",
        "stint_outlook",
        "race_id, car, ts, trigger",
        "strategy_decisions",
        "race_id, car, ts, call",
        "alerts",
        "alert_id",
        "telemetry",
        ""
    };

    final String telemetry;
    final String laps = topic("--laps-topic", "laps", 2);
    final String decisions = topic("--decisions-topic", "decisions", 2);
    final String alerts = topic("--alerts-topic", "alerts", 2);
    final String labels;
    String provisionalLaps;
    String provisionalCalls;
    String provisionalAlerts;
    F1RacePublisher publisher;
    private RaceConfig race;

    PitwallStack(EmbeddedInfra infra) {
        this(infra, null, infra.freshDatabase());
    }

    /** A stack on the database at {@code jdbcUrl} reading the given topic (null: a fresh one). */
    PitwallStack(EmbeddedInfra infra, String telemetryTopic, String jdbcUrl) {
        super(infra, new PitwallJob(), jdbcUrl);
        this.telemetry = inputTopic("--telemetry-topic", "telemetry", 4, telemetryTopic);
        this.labels = infra.freshTopic("labels");
        scenario(telemetry, laps, TABLES);
    }

    /**
     * Turns provisional laps, calls and alerts on, into {@link #provisionalLaps}, {@link
     * #provisionalCalls} and {@link #provisionalAlerts} (at least once: a record may stand there
     * more than once).
     */
    PitwallStack withProvisionalLaps() {
        provisionalLaps = topic("--provisional-laps-topic", "provisional-laps", 2);
        provisionalCalls = topic("--provisional-calls-topic", "provisional-calls", 2);
        provisionalAlerts = topic("--provisional-alerts-topic", "provisional-alerts", 2);
        return this;
    }

    /** The race the input comes from. */
    PitwallStack with(RaceConfig race) {
        this.race = race;
        return this;
    }

    /** Publishes the whole race, as fast as possible, and waits until Kafka has every record. */
    PitwallStack publish(RaceConfig race) {
        return with(race).publishAll();
    }

    @Override
    public PitwallStack publishAll() {
        publisher =
                new F1RacePublisher(
                        race,
                        F1RacePublisher.Options.defaults(infra.bootstrapServers())
                                .withTopics(telemetry, labels)
                                .withSpeed(0));
        publisher.runToEnd();
        return this;
    }

    @Override
    public void publishRange(long from, long count) {
        publishRange(new RaceSimulation(race, labels), TelemetryWireFormat.INSTANCE, from, count);
    }

    /** The samples of the race; known once it was published whole. */
    @Override
    public long events() {
        if (publisher == null) {
            throw new IllegalStateException("the race's samples are counted as it is published");
        }
        return publisher.eventsSent();
    }

    List<FaultLabel> labels() throws Exception {
        return readJson(labels, (int) publisher.labelsSent(), FaultLabel.class);
    }
}
