package dev.streamwall.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwall.common.db.MigrateMain;
import dev.streamwall.embedded.LocalFlinkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Each FlinkDeployment runs something real: its entry class is in the job jar the image ships, its
 * arguments pass that job's own option parser, and its Flink configuration agrees with
 * flink-conf/config.yaml.
 */
class DeploymentJobsTest {

    private static final Pattern JAR_URI =
            Pattern.compile("local:///opt/flink/usrlib/(streamwall-(\\w+)-job\\.jar)");

    /** Keys that differ on purpose: storage paths per job, one reporter port per pod. */
    private static final Set<String> DIFFER_ON_PURPOSE =
            Set.of(
                    "execution.checkpointing.dir",
                    "execution.checkpointing.savepoint-dir",
                    "metrics.reporter.prom.port");

    private static List<ObjectNode> deployments() throws IOException {
        return Manifests.ofKind(
                Manifests.render(Manifests.ROOT.resolve("base")), "FlinkDeployment");
    }

    @Test
    void entryClassesAreInTheJobJarsAndTheirArgumentsParse() throws Exception {
        String version = System.getProperty("streamwall.version");
        for (ObjectNode d : deployments()) {
            JsonNode job = d.path("spec").path("job");
            Matcher m = JAR_URI.matcher(job.path("jarURI").asText());
            assertThat(m.matches()).as("jarURI of %s", d.path("metadata").path("name")).isTrue();
            Path jar =
                    Path.of(
                            "..",
                            "jobs",
                            m.group(2),
                            "target",
                            "streamwall-" + m.group(2) + "-" + version + "-job.jar");
            assertThat(jar)
                    .as(
                            "the shaded jar of %s (mvn package builds it before this module)",
                            m.group(2))
                    .exists();
            String entryClass = job.path("entryClass").asText();
            try (JarFile j = new JarFile(jar.toFile())) {
                assertThat(j.getEntry(entryClass.replace('.', '/') + ".class"))
                        .as("%s in %s", entryClass, jar)
                        .isNotNull();
            }
            List<String> args = new ArrayList<>();
            job.path("args").forEach(a -> args.add(a.asText()));
            // Every entry class is a StreamwallJob whose main parses as JobMain.parse does.
            Manifests.assertJobAccepts(entryClass, args);
        }
    }

    /**
     * Production: the jobs write as streamwall_writer without migrating; a Job migrates as the
     * owner with the MigrateMain every job jar carries, and its arguments parse.
     */
    @Test
    void inProductionTheJobsWriteAsTheWriterAndAJobMigratesAsTheOwner() throws Exception {
        List<ObjectNode> production =
                Manifests.render(Manifests.ROOT.resolve("overlays/production"));
        List<ObjectNode> jobs = Manifests.ofKind(production, "FlinkDeployment");
        assertThat(jobs).hasSize(3);
        for (ObjectNode d : jobs) {
            List<String> args = new ArrayList<>();
            d.path("spec").path("job").path("args").forEach(a -> args.add(a.asText()));
            assertThat(args).contains("--no-migrate");
            assertThat(args.get(args.indexOf("--jdbc-user") + 1)).isEqualTo("streamwall_writer");
            assertThat(
                            firstSecretKey(
                                    d.path("spec")
                                            .path("podTemplate")
                                            .path("spec")
                                            .path("containers")
                                            .path(0)))
                    .isEqualTo("writer-password");
            assertVerifiesTheDatabase(
                    args.get(args.indexOf("--jdbc-url") + 1), d.path("spec").path("podTemplate"));
            String entryClass = d.path("spec").path("job").path("entryClass").asText();
            Manifests.assertJobAccepts(entryClass, args);
        }
        List<ObjectNode> migrations = Manifests.ofKind(production, "Job");
        assertThat(migrations).hasSize(1);
        JsonNode container =
                migrations
                        .get(0)
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .path(0);
        List<String> command = new ArrayList<>();
        container.path("command").forEach(c -> command.add(c.asText()));
        assertThat(command.subList(0, 4))
                .containsExactly(
                        "java",
                        "-cp",
                        "/opt/flink/usrlib/streamwall-pitwall-job.jar",
                        MigrateMain.class.getName());
        List<String> migrateArgs = command.subList(4, command.size());
        assertVerifiesTheDatabase(
                migrateArgs.get(migrateArgs.indexOf("--jdbc-url") + 1),
                migrations.get(0).path("spec").path("template"));
        assertThat(migrateArgs.get(migrateArgs.indexOf("--jdbc-user") + 1)).isEqualTo("streamwall");
        new CommandLine(new MigrateMain()).parseArgs(migrateArgs.toArray(String[]::new));
        String version = System.getProperty("streamwall.version");
        Path jar =
                Path.of(
                        "..",
                        "jobs",
                        "pitwall",
                        "target",
                        "streamwall-pitwall-" + version + "-job.jar");
        try (JarFile j = new JarFile(jar.toFile())) {
            assertThat(j.getEntry(MigrateMain.class.getName().replace('.', '/') + ".class"))
                    .as("MigrateMain in %s", jar)
                    .isNotNull();
        }
        assertThat(firstSecretKey(container)).isEqualTo("owner-password");
    }

    /** The Secret key a container's first environment variable is read from. */
    private static String firstSecretKey(JsonNode container) {
        return container
                .path("env")
                .path(0)
                .path("valueFrom")
                .path("secretKeyRef")
                .path("key")
                .asText();
    }

    @Test
    void theImageShipsExactlyTheJarsTheDeploymentsRun() throws IOException {
        Set<String> copied = new TreeSet<>();
        Matcher m =
                Pattern.compile("/opt/flink/usrlib/(\\S+\\.jar)")
                        .matcher(Files.readString(Manifests.ROOT.resolve("Dockerfile")));
        while (m.find()) {
            copied.add(m.group(1));
        }
        Set<String> run = new TreeSet<>();
        for (ObjectNode d : deployments()) {
            Matcher u = JAR_URI.matcher(d.path("spec").path("job").path("jarURI").asText());
            assertThat(u.matches()).isTrue();
            run.add(u.group(1));
        }
        assertThat(copied).isEqualTo(run);
    }

    @Test
    void theFlinkConfigurationAgreesWithFlinkConf() throws IOException {
        Configuration shipped = LocalFlinkConfig.shipped();
        for (ObjectNode d : deployments()) {
            List<String> differences = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e :
                    d.path("spec").path("flinkConfiguration").properties()) {
                String mine = shipped.getString(e.getKey(), null);
                if (mine != null
                        && !DIFFER_ON_PURPOSE.contains(e.getKey())
                        && !mine.equals(e.getValue().asText())) {
                    differences.add(
                            e.getKey()
                                    + ": "
                                    + e.getValue().asText()
                                    + " here, "
                                    + mine
                                    + " in flink-conf");
                }
            }
            assertThat(differences).as(d.path("metadata").path("name").asText()).isEmpty();
            // And it sets what flink-conf says a real cluster needs.
            assertThat(d.path("spec").path("flinkConfiguration").has("state.backend.type"))
                    .isTrue();
        }
    }

    /**
     * The JDBC URL asks for TLS with the server's certificate and host name checked against a CA
     * file, and the pod mounts that file from the Secret streamwall-db-ca into its first container.
     */
    private static void assertVerifiesTheDatabase(String url, JsonNode podTemplate) {
        assertThat(url).contains("sslmode=verify-full");
        String caFile = url.replaceAll(".*[?&]sslrootcert=([^&]+).*", "$1");
        assertThat(caFile).startsWith("/");
        String dir = caFile.substring(0, caFile.lastIndexOf('/'));
        JsonNode spec = podTemplate.path("spec");
        String volume = null;
        for (JsonNode m : spec.path("containers").path(0).path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(dir)) {
                assertThat(m.path("readOnly").asBoolean()).isTrue();
                volume = m.path("name").asText();
            }
        }
        assertThat(volume).as("a volume mounted at " + dir).isNotNull();
        String name = volume;
        assertThat(spec.path("volumes"))
                .anySatisfy(
                        v -> {
                            assertThat(v.path("name").asText()).isEqualTo(name);
                            assertThat(v.path("secret").path("secretName").asText())
                                    .isEqualTo("streamwall-db-ca");
                        });
        assertThat(caFile.substring(dir.length() + 1)).isEqualTo("ca.crt");
    }
}
