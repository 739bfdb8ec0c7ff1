package dev.streamwall.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.cityflow.CityflowJob;
import dev.streamwall.cityflow.CityflowOptions;
import dev.streamwall.common.job.JobMain;
import dev.streamwall.embedded.LocalFlinkConfig;
import dev.streamwall.factory.FactoryJob;
import dev.streamwall.generators.F1RacePublisher;
import dev.streamwall.generators.GeneratorCli;
import dev.streamwall.generators.city.CityCommand;
import dev.streamwall.generators.city.CitySimulator;
import dev.streamwall.generators.factory.PlantPublisher;
import dev.streamwall.pitwall.PitwallJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml (nobody can run Docker here, so it is checked as text): every mounted path
 * exists, every image is pinned, and addresses, ports, credentials and topics agree with the jobs
 * and flink-conf/config.yaml.
 */
class ComposeFileTest {

    private static final Path REPO = Path.of("..");
    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;
    private static String text;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        text = Files.readString(REPO.resolve("docker-compose.yml"));
        // SnakeYAML resolves the anchors and merge keys the file uses, as Compose does.
        compose = new Yaml().load(text);
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void everyMountedPathAndTheDockerfileExist() {
        List<String> missing = new ArrayList<>();
        services.forEach(
                (name, s) -> {
                    for (Object v : (List<?>) s.getOrDefault("volumes", List.of())) {
                        String source = v.toString().split(":")[0];
                        if (source.startsWith(".") && !Files.exists(REPO.resolve(source))) {
                            missing.add(name + ": " + source);
                        }
                    }
                    if (s.get("build") instanceof Map<?, ?> build
                            && !Files.isRegularFile(
                                    REPO.resolve(build.get("dockerfile").toString()))) {
                        missing.add(name + ": " + build.get("dockerfile"));
                    }
                });
        assertThat(missing).isEmpty();
    }

    /**
     * Grafana reads as the read-only role the database volume is created with; the jobs write as
     * the writer role without migrating, after the owner migrated.
     */
    @Test
    @SuppressWarnings("unchecked")
    void grafanaAndTheJobsConnectAsTheRolesTheDatabaseCreates() throws IOException {
        String submit =
                String.join("\n", (List<String>) services.get("submit-jobs").get("command"));
        assertThat(submit)
                .containsPattern(
                        "(?m)^\\s*STREAMWALL_JDBC_PASSWORD=\"\\$\\$STREAMWALL_OWNER_PASSWORD\" java -cp"
                                + " \\S+\\.jar dev\\.streamwall\\.common\\.db\\.MigrateMain .*--jdbc-user"
                                + " streamwall$")
                .contains("--jdbc-user streamwall_writer --no-migrate");
        Map<?, ?> submitEnv = (Map<?, ?>) services.get("submit-jobs").get("environment");
        assertThat(submitEnv.get("STREAMWALL_JDBC_PASSWORD").toString())
                .contains("STREAMWALL_WRITER_PASSWORD");
        Map<?, ?> env = (Map<?, ?>) services.get("grafana").get("environment");
        assertThat(env.get("STREAMWALL_JDBC_USER")).isEqualTo("streamwall_reader");
        assertThat(env.get("STREAMWALL_JDBC_PASSWORD").toString())
                .contains("STREAMWALL_READER_PASSWORD");
        assertThat((List<?>) services.get("timescaledb").get("volumes"))
                .map(Object::toString)
                .contains(
                        "./local/compose/init-roles.sh:/docker-entrypoint-initdb.d/10-roles.sh:ro");
        String script = Files.readString(REPO.resolve("local/compose/init-roles.sh"));
        assertThat(script)
                .contains("CREATE ROLE streamwall_writer LOGIN PASSWORD :'writer_password'")
                .contains("CREATE ROLE streamwall_reader LOGIN PASSWORD :'reader_password'")
                .contains(
                        "GRANT CONNECT ON DATABASE streamwall TO streamwall_writer, streamwall_reader")
                .doesNotContain("GRANT ALL");
        assertThat(Files.isExecutable(REPO.resolve("local/compose/init-roles.sh"))).isTrue();
    }

    @Test
    void grafanaGetsEveryVariableItsProvisioningUses() throws IOException {
        String datasources =
                Files.readString(REPO.resolve("grafana/provisioning/datasources/datasources.yaml"));
        Matcher used = Pattern.compile("\\$\\{(\\w+)}").matcher(datasources);
        int count = 0;
        while (used.find()) {
            assertThat(env("grafana")).as("grafana's environment").containsKey(used.group(1));
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(6);
        // TLS is the datasource's to choose, from the environment, never switched off in the file.
        assertThat(datasources).contains("sslmode: ${STREAMWALL_DB_SSLMODE}");
    }

    @Test
    void everyImageIsPinned() {
        services.forEach(
                (name, s) -> {
                    String image = String.valueOf(s.get("image"));
                    assertThat(image).as(name).matches("[^:]+:[^:]+").doesNotEndWith(":latest");
                });
    }

    @Test
    void theServicesAgreeOnAddressesAndPorts() {
        Map<String, Object> kafkaEnv = env("kafka");
        assertThat(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS").toString())
                .contains("PLAINTEXT://kafka:9092");
        // Everyone who talks to Kafka or PostgreSQL uses those addresses.
        Matcher kafkaUse = Pattern.compile("--kafka[ ,\"]+([\\w.-]+:\\d+)").matcher(text);
        int uses = 0;
        while (kafkaUse.find()) {
            assertThat(kafkaUse.group(1)).isEqualTo("kafka:9092");
            uses++;
        }
        assertThat(uses).as("services using Kafka").isGreaterThanOrEqualTo(3);
        assertThat(text)
                .contains(
                        "jdbc:postgresql://timescaledb:5432/"
                                + env("timescaledb").get("POSTGRES_DB"));
        assertThat(env("grafana").get("STREAMWALL_JDBC_URL")).isEqualTo("timescaledb:5432");
        assertThat(text).contains("--jdbc-user " + env("timescaledb").get("POSTGRES_USER"));

        // Prometheus scrapes the port the Flink containers' reporter listens on, which lies
        // in flink-conf's range.
        String flinkProperties = env("jobmanager").get("FLINK_PROPERTIES").toString();
        assertThat(flinkProperties).contains("metrics.reporter.prom.port: 9249");
        assertThat(LocalFlinkConfig.shipped().getString("metrics.reporter.prom.port", ""))
                .startsWith("9249");
        String prometheus;
        try {
            prometheus = Files.readString(REPO.resolve("local/compose/prometheus.yml"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(prometheus).contains("jobmanager:9249").contains("taskmanager:9249");
    }

    @Test
    void everyCredentialComesFromTheEnvironmentAndIsInTheExample() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{(\\w+)[:}]").matcher(text);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).contains("STREAMWALL_JDBC_PASSWORD");
        String example = Files.readString(REPO.resolve(".env.example"));
        for (String v : used) {
            assertThat(example).as(".env.example names %s", v).contains(v + "=");
        }
        assertThat(Files.readString(REPO.resolve(".gitignore")).lines()).contains(".env");
        assertThat(text).doesNotContainPattern("(?im)^\\s*[\\w.-]*password[\\w.-]*:\\s*[^$\\s{]");
    }

    @Test
    void theGeneratorsWriteToTheTopicsTheJobsRead() {
        // The generators and the jobs run with their default topics here.
        services.forEach(
                (name, s) -> {
                    if (name.startsWith("generate-") || name.equals("submit-jobs")) {
                        assertThat(String.valueOf(s.get("command")))
                                .as(name)
                                .doesNotContain("--topic");
                    }
                });
        assertThat(JobMain.parse(new PitwallJob()).telemetryTopic)
                .isEqualTo(F1RacePublisher.DEFAULT_TOPIC);
        assertThat(JobMain.parse(new FactoryJob()).readingsTopic)
                .isEqualTo(PlantPublisher.DEFAULT_TOPIC);
        CityflowOptions city = JobMain.parse(new CityflowJob());
        assertThat(city.readingsTopic).isEqualTo(CityCommand.DEFAULT_TOPIC);
        assertThat(city.roadsTopic).isEqualTo(CitySimulator.DEFAULT_ROADS_TOPIC);
        assertThat(city.truthTopic).isEqualTo(CitySimulator.DEFAULT_TRUTH_TOPIC);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRoadGraphTopicIsCreatedCompactedBeforeItsUsersStart() {
        String create = String.valueOf(services.get("create-topics").get("command"));
        assertThat(create)
                .contains("--topic " + CitySimulator.DEFAULT_ROADS_TOPIC + " ")
                .contains("--config cleanup.policy=compact")
                .contains("--if-not-exists")
                .contains("--bootstrap-server kafka:9092");
        for (String user : List.of("generate-city", "submit-jobs")) {
            Map<String, Object> dependsOn =
                    (Map<String, Object>) services.get(user).get("depends_on");
            assertThat(dependsOn).as(user).containsKey("create-topics");
            assertThat((Map<String, Object>) dependsOn.get("create-topics"))
                    .as(user)
                    .containsEntry("condition", "service_completed_successfully");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyGeneratorCommandIsAcceptedByTheGeneratorCli() {
        int generators = 0;
        for (Map.Entry<String, Map<String, Object>> e : services.entrySet()) {
            if (!e.getKey().startsWith("generate-")) {
                continue;
            }
            generators++;
            Map<String, Object> s = e.getValue();
            assertThat(((Map<String, Object>) s.get("build")).get("target"))
                    .as("%s runs the generator image", e.getKey())
                    .isEqualTo("generators");
            List<String> args = new ArrayList<>((List<String>) s.get("command"));
            // What the container runs, with values checked, but nothing sent.
            args.add("--dry-run");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code =
                    GeneratorCli.commandLine()
                            .setOut(new PrintWriter(out))
                            .setErr(new PrintWriter(err))
                            .execute(args.toArray(String[]::new));
            assertThat(code).as("%s %s: %s", e.getKey(), args, err).isZero();
        }
        assertThat(generators).isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyJobTheStackSubmitsAcceptsItsArguments() throws Exception {
        String script =
                String.join("\n", (List<String>) services.get("submit-jobs").get("command"));
        Matcher shared = Pattern.compile("(?m)^\\s*args=\"([^\"]*)\"").matcher(script);
        assertThat(shared.find()).as("the shared args= line").isTrue();
        Matcher run =
                Pattern.compile("(?m)^\\s*flink run .* -c (\\S+) (\\S+\\.jar) \\$\\$args(.*)$")
                        .matcher(script);
        int jobs = 0;
        while (run.find()) {
            jobs++;
            List<String> args = new ArrayList<>(List.of(shared.group(1).trim().split("\\s+")));
            if (!run.group(3).isBlank()) {
                args.addAll(List.of(run.group(3).trim().split("\\s+")));
            }
            String entryClass = run.group(1);
            assertThat(Files.readString(REPO.resolve("k8s-operator/Dockerfile")))
                    .as("the image ships %s", run.group(2))
                    .contains(run.group(2));
            Manifests.assertJobAccepts(entryClass, args);
        }
        assertThat(jobs).isEqualTo(3);
    }

    @Test
    void longRunningServicesRestartAndFlinkOwnsItsVolume() throws IOException {
        for (String name :
                List.of(
                        "kafka",
                        "timescaledb",
                        "jobmanager",
                        "taskmanager",
                        "prometheus",
                        "grafana",
                        "generate-f1",
                        "generate-factory",
                        "generate-city")) {
            assertThat(services.get(name).get("restart")).as(name).isNotNull();
        }
        // A named volume starts as a copy of the image's directory: Flink (uid 9999) must own it.
        assertThat(text).contains("flink-data:/flink-data");
        assertThat(Files.readString(REPO.resolve("k8s-operator/Dockerfile")))
                .contains("chown flink:flink /flink-data");
    }

    @Test
    void everyPublishedPortListensOnThisMachineOnly() {
        List<String> open = new ArrayList<>();
        services.forEach(
                (name, s) -> {
                    for (Object port : (List<?>) s.getOrDefault("ports", List.of())) {
                        if (!port.toString().startsWith("127.0.0.1:")) {
                            open.add(name + ": " + port);
                        }
                    }
                });
        assertThat(open).as("ports published on every interface").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }
}
