package dev.streamwall.runner.factory;

import dev.streamwall.common.job.JobMain;
import dev.streamwall.factory.FactoryJob;
import dev.streamwall.factory.FactoryOptions;
import dev.streamwall.factory.workflow.FactoryUids;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.factory.PlantPublisher;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.runner.DemoEndpoints;
import dev.streamwall.runner.DemoJob;
import dev.streamwall.wire.Topics;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The factory job in the demo: a simulated plant into {@code factory.readings} and the board. */
public final class FactoryDemo implements DemoJob {

    public static final String READINGS = Topics.FACTORY_READINGS;
    public static final String LABELS = Topics.FACTORY_LABELS;

    private final PlantConfig plant;
    private final TransportFaults transportFaults;
    private final int readingsDecimation;

    public FactoryDemo(PlantConfig plant, TransportFaults transportFaults, int readingsDecimation) {
        this.plant = plant;
        this.transportFaults = transportFaults;
        this.readingsDecimation = readingsDecimation;
    }

    @Override
    public String name() {
        return FactoryUids.JOB;
    }

    @Override
    public String events() {
        return "readings";
    }

    @Override
    public String describe() {
        return String.format(
                Locale.ROOT,
                "plant %s (%d machines x temperature, vibration, pressure at 1 Hz, %s simulated,"
                        + " faults %s)",
                plant.plantId(),
                plant.machines(),
                plant.duration().toString().substring(2).toLowerCase(Locale.ROOT),
                plant.faults());
    }

    @Override
    public Map<String, Integer> topics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(READINGS, 4);
        for (String t :
                List.of(
                        LABELS,
                        Topics.FACTORY_ANOMALIES,
                        Topics.FACTORY_ALERTS,
                        Topics.FACTORY_DEAD_LETTERS,
                        Topics.FACTORY_READINGS_LATE)) {
            topics.put(t, 2);
        }
        return topics;
    }

    @Override
    public String build(StreamExecutionEnvironment env, DemoEndpoints endpoints) {
        List<String> args = endpoints.jobArgs("streamwall-demo-" + plant.plantId());
        args.addAll(
                List.of(
                        "--readings-topic",
                        READINGS,
                        "--readings-decimation",
                        Integer.toString(readingsDecimation)));
        FactoryOptions options = JobMain.parse(new FactoryJob(), args.toArray(String[]::new));
        JobMain.prepare(options);
        JobMain.build(new FactoryJob(), env, options);
        return options.runtime.jobName;
    }

    @Override
    public Generator startGenerator(DemoEndpoints endpoints, double speed) {
        PlantPublisher publisher =
                new PlantPublisher(
                        plant,
                        PlantPublisher.Options.defaults(endpoints.bootstrapServers())
                                .withTopics(READINGS, LABELS)
                                .withSpeed(speed)
                                .withTransportFaults(transportFaults));
        publisher.withClientSettings(endpoints.kafkaSettings());
        publisher.start();
        return Generator.of(publisher, () -> progress(publisher));
    }

    @Override
    public Board openBoard(DemoEndpoints endpoints) throws SQLException {
        return new PlantBoard(endpoints, plant.start());
    }

    private String progress(PlantPublisher publisher) {
        long s = Math.max(0, publisher.simTimeMs()) / 1000;
        return String.format(
                Locale.ROOT,
                "%s  sim %d:%02d:%02d",
                plant.plantId(),
                s / 3600,
                (s / 60) % 60,
                s % 60);
    }
}
