package dev.streamwall.scenarios.cityflow;

import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.workflow.CityflowSettings;
import dev.streamwall.cityflow.workflow.CityflowWorkflow;
import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.common.kafka.TopicSnapshot;
import dev.streamwall.common.options.DurationConverter;
import dev.streamwall.common.options.JdbcOptions;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.city.CityGenerator;
import dev.streamwall.generators.city.CitySimulator;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.city.RoadTruth;
import dev.streamwall.generators.wire.SideRecord;
import dev.streamwall.scenarios.EvaluationEnvironment;
import dev.streamwall.wire.Json;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Scores the cityflow job's T+30 congestion predictions against the city's ground truth: mean
 * absolute error of the job, of the seed's formula and of persistence. Either runs the real job
 * graph over a simulated city on a local Flink (the default), or reads what a running job wrote to
 * {@code predictions} and joins it with the truth topic ({@code --jdbc-url}).
 */
@Command(
        name = "city",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Scores the cityflow job's T+30 congestion predictions against the simulated city's"
                    + " ground truth: mean absolute error of the job, of the seed's 40/40/20"
                    + " formula and of persistence (congestion now).",
            "By default it runs the job graph over a simulated city in this process; with"
                    + " --jdbc-url it reads the predictions a running job wrote and the truth"
                    + " topic from --kafka."
        })
public class CityflowEvaluation implements Callable<Integer> {

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "City seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--start",
            defaultValue = "2026-03-03T06:30:00Z",
            description = "Simulated start (default: ${DEFAULT-VALUE}, a weekday before the rush).")
    Instant start;

    @Option(
            names = "--sim-duration",
            defaultValue = "4h",
            converter = DurationConverter.class,
            description = "Simulated time (default: ${DEFAULT-VALUE}).")
    Duration simDuration;

    @Option(
            names = "--incidents-per-hour",
            defaultValue = "1",
            description = "Random lane closures per simulated hour (default: ${DEFAULT-VALUE}).")
    double incidentsPerHour;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--jdbc-url",
            description =
                    "Score the predictions in this database (a running job's) instead of simulating.")
    String jdbcUrl;

    @Option(
            names = "--jdbc-user",
            defaultValue = "streamwall",
            description = "Database user (default: ${DEFAULT-VALUE}).")
    String jdbcUser;

    @Option(
            names = "--jdbc-password-env",
            defaultValue = JdbcOptions.PASSWORD_ENV,
            description =
                    "Environment variable holding the database password (default: ${DEFAULT-VALUE}).")
    String jdbcPasswordEnv;

    @Option(
            names = {"--kafka", "--bootstrap-servers"},
            defaultValue = "localhost:9092",
            description =
                    "Kafka with the truth topic, with --jdbc-url (default: ${DEFAULT-VALUE}).")
    String kafka;

    @Option(
            names = "--truth-topic",
            defaultValue = CitySimulator.DEFAULT_TRUTH_TOPIC,
            description = "Ground-truth topic, with --jdbc-url (default: ${DEFAULT-VALUE}).")
    String truthTopic;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CityflowEvaluation()).execute(args));
    }

    /** The city this evaluation simulates. */
    public CityConfig city() {
        return CityConfig.defaults()
                .withSeed(seed)
                .withStart(start)
                .withDuration(simDuration)
                .withIncidents("", incidentsPerHour);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        ForecastScore score;
        if (jdbcUrl == null) {
            CityConfig city = city();
            out.printf(
                    "evaluating cityflow on the simulated city: %d roads, seed %d, from %s for %s%n",
                    city.network().roads().size(), seed, city.start(), city.duration());
            out.flush();
            score =
                    ForecastScore.score(
                            run(city, CityflowSettings.defaults(), parallelism), truth(city));
        } else {
            out.printf(
                    "evaluating the predictions in %s against %s at %s%n",
                    jdbcUrl, truthTopic, kafka);
            out.flush();
            String password = System.getenv(jdbcPasswordEnv);
            score =
                    ForecastScore.score(
                            predictions(jdbcUrl, jdbcUser, password),
                            truth(kafka, truthTopic, Duration.ofSeconds(60)));
        }
        for (String line : score.table()) {
            out.println(line);
        }
        out.printf(
                "%,d forecasts without a truth record at their target (the run's last %d minutes,"
                        + " or truth not yet published); %.1f s%n",
                score.unmatched(), 30, (System.nanoTime() - started) / 1e9);
        out.flush();
        return score.all().n() > 0 ? 0 : 1;
    }

    /** Runs the job graph over the simulated city on a local Flink and returns every forecast. */
    public static List<ForecastScore.Forecast> run(
            CityConfig city, CityflowSettings settings, int parallelism) throws Exception {
        StreamExecutionEnvironment env = EvaluationEnvironment.create(parallelism);
        DataStream<Decoded<RoadReading>> readings =
                EvaluationEnvironment.simulated(
                        env,
                        CityGenerator.source(city),
                        "Simulated city",
                        r -> r.ts,
                        new TypeHint<Decoded<RoadReading>>() {}.getTypeInfo());
        CityflowWorkflow.Outputs outputs =
                CityflowWorkflow.define(
                        readings, city.network().records(city.start().toEpochMilli()), settings);
        List<ForecastScore.Forecast> forecasts = new ArrayList<>();
        try (CloseableIterator<CongestionForecast> it =
                outputs.forecasts().executeAndCollect("cityflow evaluation")) {
            it.forEachRemaining(
                    f ->
                            forecasts.add(
                                    new ForecastScore.Forecast(
                                            f.road,
                                            f.ts,
                                            f.horizonMin,
                                            f.score,
                                            f.baseline,
                                            f.now)));
        }
        return forecasts;
    }

    /** The simulated city's truth, by road and minute. */
    public static Map<String, Map<Long, RoadTruth>> truth(CityConfig city) {
        Map<String, Map<Long, RoadTruth>> truth = new HashMap<>();
        CitySimulator sim = new CitySimulator(city, CitySimulator.DEFAULT_TRUTH_TOPIC, null);
        while (sim.hasNext()) {
            sim.next();
            for (SideRecord r : sim.pollSideRecords()) {
                RoadTruth t = (RoadTruth) r.value();
                truth.computeIfAbsent(t.road(), k -> new HashMap<>()).put(t.ts(), t);
            }
        }
        return truth;
    }

    /** The truth topic from its start to its current end, by road and minute. */
    public static Map<String, Map<Long, RoadTruth>> truth(
            String kafka, String topic, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        Map<String, Map<Long, RoadTruth>> truth = new HashMap<>();
        TopicSnapshot.read(
                p,
                topic,
                timeout,
                "",
                r -> {
                    RoadTruth t = Json.MAPPER.readValue(r.value(), RoadTruth.class);
                    truth.computeIfAbsent(t.road(), k -> new HashMap<>()).put(t.ts(), t);
                });
        return truth;
    }

    /** Every prediction a job wrote. */
    public static List<ForecastScore.Forecast> predictions(String url, String user, String password)
            throws Exception {
        List<ForecastScore.Forecast> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT road_id, ts, horizon_min, congestion_score, baseline_score,"
                                        + " congestion_now FROM predictions")) {
            while (rs.next()) {
                out.add(
                        new ForecastScore.Forecast(
                                rs.getString(1),
                                rs.getTimestamp(2).getTime(),
                                rs.getInt(3),
                                rs.getDouble(4),
                                rs.getDouble(5),
                                rs.getDouble(6)));
            }
        }
        return out;
    }
}
