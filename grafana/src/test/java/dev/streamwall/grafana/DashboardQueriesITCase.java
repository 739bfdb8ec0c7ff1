package dev.streamwall.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwall.cityflow.CityflowJob;
import dev.streamwall.cityflow.CityflowOptions;
import dev.streamwall.embedded.DbQueries;
import dev.streamwall.embedded.EmbeddedInfra;
import dev.streamwall.embedded.EmbeddedInfraExtension;
import dev.streamwall.embedded.JobStack;
import dev.streamwall.embedded.MiniClusterTest;
import dev.streamwall.embedded.PrometheusScrape;
import dev.streamwall.factory.FactoryJob;
import dev.streamwall.factory.FactoryOptions;
import dev.streamwall.generators.F1RacePublisher;
import dev.streamwall.generators.city.CityConfig;
import dev.streamwall.generators.city.CitySimulator;
import dev.streamwall.generators.city.CityWireFormat;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.factory.PlantConfig;
import dev.streamwall.generators.factory.PlantPublisher;
import dev.streamwall.generators.wire.TransportFaults;
import dev.streamwall.generators.wire.WirePublisher;
import dev.streamwall.pitwall.PitwallJob;
import dev.streamwall.pitwall.PitwallOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every dashboard query against what the jobs really produce: the SQL panels and variables on the
 * migrated schema filled by the pitwall and factory jobs from their generators (macros and
 * variables expanded as Grafana does), and every metric a Prometheus panel uses in a scrape of a
 * running job's reporter.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class DashboardQueriesITCase implements MiniClusterTest {

    private static final Instant RACE_START = Instant.parse("2026-07-05T14:00:00Z");
    private static final Instant PLANT_START = Instant.parse("2026-03-02T05:00:00Z");
    private static final Instant CITY_START = Instant.parse("2026-03-03T07:20:00Z");

    /** Metrics only the cityflow job has: checked on a running cityflow job. */
    private static final Set<String> CITYFLOW_METRICS =
            Set.of(
                    "flink_taskmanager_job_task_operator_predictions",
                    "flink_taskmanager_job_task_operator_reroutes",
                    "flink_taskmanager_job_task_operator_kind_incidents");

    private static String jdbcUrl;
    private static RaceConfig race;
    private static JobStack<PitwallOptions> pitwall;
    private static JobStack<CityflowOptions> cityflow;

    @BeforeAll
    static void fill(EmbeddedInfra infra) throws Exception {
        jdbcUrl = infra.freshDatabase();
        String bootstrap = infra.bootstrapServers();
        long began = System.nanoTime();
        race =
                RaceConfig.builder()
                        .seed(23)
                        .raceId("grafana's-23")
                        .startTime(RACE_START)
                        .cars(5)
                        .laps(8)
                        .sampleHz(5)
                        .allFaults()
                        .transportFaults(TransportFaults.parse("malformed=0.005"))
                        .build();
        pitwall = new JobStack<>(infra, new PitwallJob(), jdbcUrl).onHeap();
        String telemetryTopic = pitwall.topic("--telemetry-topic", "telemetry", 4);
        outputTopics(pitwall, "--laps-topic", "--decisions-topic", "--alerts-topic");
        String labels = infra.freshTopic("labels");
        F1RacePublisher f1 =
                new F1RacePublisher(
                        race,
                        F1RacePublisher.Options.defaults(bootstrap)
                                .withTopics(telemetryTopic, labels)
                                .withSpeed(0));
        f1.run();
        assertThat(f1.failure()).isNull();
        pitwall.runToEnd("grafana-pitwall");
        System.out.printf("filled: pitwall after %.1f s%n", (System.nanoTime() - began) / 1e9);

        PlantConfig plant =
                PlantConfig.defaults()
                        .withSeed(5)
                        .withMachines(3)
                        .withStart(PLANT_START)
                        .withDuration(Duration.ofMinutes(90))
                        .withFaults("bearing_wear@M01+10m,overheating@M02+20m");
        JobStack<FactoryOptions> factory =
                new JobStack<>(infra, new FactoryJob(), jdbcUrl).onHeap();
        String readings = factory.topic("--readings-topic", "readings", 4);
        outputTopics(factory, "--anomalies-topic", "--alerts-topic");
        PlantPublisher plantPublisher =
                new PlantPublisher(
                        plant,
                        PlantPublisher.Options.defaults(bootstrap)
                                .withTopics(readings, infra.freshTopic("plant-labels"))
                                .withSpeed(0)
                                .withTransportFaults(TransportFaults.parse("malformed=0.005")));
        plantPublisher.run();
        assertThat(plantPublisher.failure()).isNull();
        factory.runToEnd("grafana-factory");
        System.out.printf("filled: factory after %.1f s%n", (System.nanoTime() - began) / 1e9);

        CityConfig city =
                CityConfig.defaults()
                        .withStart(CITY_START)
                        .withDuration(Duration.ofMinutes(75))
                        .withIncidents("R20@25m+35m/2", 0);
        cityflow = new JobStack<>(infra, new CityflowJob(), jdbcUrl).onHeap();
        String cityReadings = cityflow.topic("--readings-topic", "city-readings", 4);
        String cityRoads = cityflow.topic("--roads-topic", "city-roads", 1);
        outputTopics(cityflow, "--predictions-topic", "--reroutes-topic", "--incidents-topic");
        WirePublisher<RoadReading> cityPublisher =
                new WirePublisher<>(
                        new CitySimulator(city, infra.freshTopic("city-truth"), cityRoads),
                        CityWireFormat.INSTANCE,
                        TransportFaults.parse("malformed=0.005"),
                        city.seed(),
                        WirePublisher.Options.of(bootstrap, cityReadings, 0),
                        "grafana-city");
        cityPublisher.run();
        assertThat(cityPublisher.failure()).isNull();
        cityflow.runToEnd("grafana-city");
        System.out.printf("filled: cityflow after %.1f s%n", (System.nanoTime() - began) / 1e9);
    }

    /** Fresh output topics, dead-letter and late topics included, for the options given. */
    private static void outputTopics(JobStack<?> stack, String... options) {
        for (String option : options) {
            stack.topic(option, option.substring(2), 1);
        }
        stack.topic("--dead-letter-topic", "dead-letters", 1);
        stack.topic("--late-topic", "late", 1);
    }

    private static GrafanaMacros macros() throws Exception {
        List<String> cars = new ArrayList<>();
        for (var row : DbQueries.query(jdbcUrl, "SELECT DISTINCT car FROM laps ORDER BY car")) {
            cars.add(row.get("car").toString());
        }
        List<String> teams = new ArrayList<>();
        for (var row : DbQueries.query(jdbcUrl, "SELECT DISTINCT team FROM laps")) {
            teams.add(row.get("team").toString());
        }
        return new GrafanaMacros(
                PLANT_START.minus(Duration.ofDays(1)),
                // Event times lie in the simulated past; dead letters carry wall-clock times.
                Instant.now().plus(Duration.ofDays(1)),
                "1m",
                Map.of(
                        "race", List.of(race.raceId()),
                        "team", teams,
                        "car", cars,
                        "machine", List.of("M01", "M02", "M03"),
                        "road", List.of("R20", "R24", "R16"),
                        "horizon", List.of("30"),
                        "job", List.of("pitwall")),
                Set.of("team", "car", "machine", "road", "job"));
    }

    @Test
    void everySqlPanelAndVariableRunsOnTheRealSchemaWithTheShapeItsFormatNeeds() throws Exception {
        GrafanaMacros macros = macros();
        List<String> problems = new ArrayList<>();
        int ran = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement st = c.createStatement()) {
            for (Dashboards.Query q : Dashboards.queries()) {
                if (!q.datasource().equals(Dashboards.POSTGRES)) {
                    continue;
                }
                ran++;
                try (ResultSet rs = st.executeQuery(macros.expand(q.text()))) {
                    ResultSetMetaData md = rs.getMetaData();
                    if (q.format().equals("time_series")) {
                        if (!md.getColumnLabel(1).equals("time")
                                || !isTimeOrNumber(md.getColumnType(1))) {
                            problems.add(q + ": a time series needs a first column \"time\"");
                        }
                        for (int i = 2; i <= md.getColumnCount(); i++) {
                            boolean metric = md.getColumnLabel(i).equals("metric");
                            if (!metric && !isTimeOrNumber(md.getColumnType(i))) {
                                problems.add(
                                        q + ": column " + md.getColumnLabel(i) + " is not numeric");
                            }
                        }
                    }
                    if (!rs.next() && !q.mayBeEmpty()) {
                        problems.add(q + ": no rows");
                    }
                } catch (Exception e) {
                    problems.add(q + ": " + e.getMessage());
                }
            }
        }
        assertThat(ran).isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPrometheusQueryFindsSeriesWithItsLabelsOnRunningJobs() throws Exception {
        Set<String> used = new TreeSet<>();
        Pattern metric = Pattern.compile("\\b(flink_[A-Za-z0-9_]+)");
        for (Dashboards.Query q : Dashboards.queries()) {
            if (q.datasource().equals(Dashboards.PROMETHEUS)) {
                Matcher m = metric.matcher(q.text());
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(5);
        // The alerting rules of the Kubernetes manifests are checked on the same scrape.
        List<String> rules = alertRules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(5);
        for (String rule : rules) {
            Matcher m = metric.matcher(rule);
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        Set<String> pitwallMetrics = new TreeSet<>(used);
        pitwallMetrics.removeAll(CITYFLOW_METRICS);
        Set<String> cityflowMetrics = new TreeSet<>(used);
        cityflowMetrics.retainAll(CITYFLOW_METRICS);
        assertThat(cityflowMetrics).as("the city dashboard's own metrics").isNotEmpty();

        List<PromSelectors.Series> series = new ArrayList<>();
        series.addAll(scrapeWhileRunning(pitwall, "grafana-live", pitwallMetrics));
        // The incident counter appears with the first incident, a few seconds of replay in.
        series.addAll(scrapeWhileRunning(cityflow, "grafana-city-live", cityflowMetrics));
        Set<String> exported = new TreeSet<>();
        series.forEach(s -> exported.add(s.name()));
        assertThat(exported).containsAll(used);

        // Each query as Grafana sends it, its variables set to every value Grafana offers ("All"),
        // must select series, and carry the labels it groups by.
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Dashboards.Query q : Dashboards.queries()) {
            if (!q.datasource().equals(Dashboards.PROMETHEUS)) {
                continue;
            }
            if (q.panel().startsWith("variable ")) {
                Set<String> values = PromSelectors.labelValues(q.text(), series);
                if (values == null || values.isEmpty()) {
                    problems.add(q + ": offers no value (" + q.text() + ")");
                }
                continue;
            }
            String expanded = expandPrometheusVariables(q, series);
            for (String problem : PromSelectors.problems(expanded, series)) {
                problems.add(q + ": " + problem);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(15);
        for (String rule : rules) {
            for (String problem : PromSelectors.problems(rule, series)) {
                problems.add("alert rule " + rule + ": " + problem);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The expressions of {@code k8s-operator/base/prometheusrule.yaml}. */
    private static List<String> alertRules() throws java.io.IOException {
        List<String> exprs = new ArrayList<>();
        Pattern expr = Pattern.compile("^\\s*expr:\\s*(.+)$");
        for (String line :
                java.nio.file.Files.readAllLines(
                        java.nio.file.Path.of(
                                "..", "k8s-operator", "base", "prometheusrule.yaml"))) {
            Matcher m = expr.matcher(line);
            if (m.matches()) {
                exprs.add(m.group(1).trim());
            }
        }
        return exprs;
    }

    /** {@code q} with Grafana's interval macros and its dashboard's variables set to "All". */
    private static String expandPrometheusVariables(
            Dashboards.Query q, List<PromSelectors.Series> series) throws Exception {
        String text = q.text().replaceAll("\\$__(range|rate_interval|interval)\\b", "5m");
        JsonNode d = Dashboards.read(Dashboards.DIR.resolve(q.dashboard()));
        for (JsonNode v : d.path("templating").path("list")) {
            Set<String> values = PromSelectors.labelValues(v.path("query").asText(), series);
            if (values != null) {
                String all =
                        values.stream()
                                .map(Pattern::quote)
                                .collect(java.util.stream.Collectors.joining("|", "(", ")"));
                text = text.replace("$" + v.path("name").asText(), all);
            }
        }
        return text;
    }

    /**
     * Starts the stack's job (consumer group {@code group}) and scrapes every reporter port until
     * {@code wanted} are all exported (or 90 s have passed); returns the last scrape's series.
     * Checkpoint metrics appear once a checkpoint has completed (every 10 s), an operator's once
     * its task has started; the JobManager and the TaskManager each serve their own reporter port.
     */
    private static List<PromSelectors.Series> scrapeWhileRunning(
            JobStack<?> stack, String group, Set<String> wanted) throws Exception {
        JobClient job = stack.start(group);
        try {
            List<PromSelectors.Series> series = List.of();
            Set<String> exported = new TreeSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline && !exported.containsAll(wanted)) {
                Thread.sleep(1000);
                StringBuilder all = new StringBuilder();
                for (int port = PROMETHEUS_PORT; port <= PROMETHEUS_LAST_PORT; port++) {
                    try {
                        all.append(new PrometheusScrape(port).fetch()).append('\n');
                    } catch (java.io.IOException nothingListens) {
                        // next port
                    }
                }
                series = PromSelectors.parse(all.toString());
                exported.clear();
                series.forEach(s -> exported.add(s.name()));
            }
            return series;
        } finally {
            job.cancel().get();
        }
    }

    private static boolean isTimeOrNumber(int sqlType) {
        return switch (sqlType) {
            case Types.TIMESTAMP,
                    Types.TIMESTAMP_WITH_TIMEZONE,
                    Types.BIGINT,
                    Types.INTEGER,
                    Types.SMALLINT,
                    Types.NUMERIC,
                    Types.DOUBLE,
                    Types.REAL,
                    Types.FLOAT,
                    Types.DECIMAL ->
                    true;
            default -> false;
        };
    }
}
