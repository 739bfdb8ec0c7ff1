package dev.streamwall.runner.pitwall;

import dev.streamwall.common.job.JobMain;
import dev.streamwall.generators.F1RacePublisher;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.pitwall.PitwallJob;
import dev.streamwall.pitwall.PitwallOptions;
import dev.streamwall.pitwall.workflow.PitwallUids;
import dev.streamwall.runner.DemoEndpoints;
import dev.streamwall.runner.DemoJob;
import dev.streamwall.wire.Topics;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The pitwall job in the demo: a simulated race into {@code f1.telemetry} and the pit wall. */
public final class PitwallDemo implements DemoJob {

    private final RaceConfig race;
    private final int telemetryDecimation;

    public PitwallDemo(RaceConfig race, int telemetryDecimation) {
        this.race = race;
        this.telemetryDecimation = telemetryDecimation;
    }

    @Override
    public String name() {
        return PitwallUids.JOB;
    }

    @Override
    public String describe() {
        return String.format(
                Locale.ROOT,
                "race %s (%d cars, %d laps, %d Hz)",
                race.raceId(),
                race.cars(),
                race.laps(),
                race.sampleHz());
    }

    @Override
    public Map<String, Integer> topics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(Topics.F1_TELEMETRY, 4);
        for (String t :
                List.of(
                        Topics.F1_LABELS,
                        Topics.F1_LAPS,
                        Topics.F1_DECISIONS,
                        Topics.F1_ALERTS,
                        Topics.F1_DEAD_LETTERS,
                        Topics.F1_TELEMETRY_LATE)) {
            topics.put(t, 2);
        }
        return topics;
    }

    @Override
    public String build(StreamExecutionEnvironment env, DemoEndpoints endpoints) throws Exception {
        List<String> args = endpoints.jobArgs("streamwall-demo-" + race.raceId());
        args.addAll(List.of("--telemetry-decimation", Integer.toString(telemetryDecimation)));
        PitwallOptions options = JobMain.parse(new PitwallJob(), args.toArray(String[]::new));
        JobMain.prepare(options);
        JobMain.build(new PitwallJob(), env, options);
        return options.runtime.jobName;
    }

    @Override
    public Generator startGenerator(DemoEndpoints endpoints, double speed) {
        F1RacePublisher publisher =
                new F1RacePublisher(
                        endpoints.bootstrapServers(),
                        Topics.F1_TELEMETRY,
                        Topics.F1_LABELS,
                        race,
                        speed);
        publisher.withClientSettings(endpoints.kafkaSettings());
        publisher.start();
        return Generator.of(
                publisher, () -> race.raceId() + "  leader lap " + publisher.leaderLap());
    }

    @Override
    public Board openBoard(DemoEndpoints endpoints) throws SQLException {
        return new PitBoard(
                endpoints.jdbcUrl(),
                endpoints.jdbcUser(),
                endpoints.jdbcPassword(),
                race.raceId(),
                race.entries().stream().map(e -> e.car()).toList());
    }
}
