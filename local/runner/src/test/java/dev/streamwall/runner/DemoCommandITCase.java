package dev.streamwall.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.EmbeddedKafka;
import dev.streamwall.embedded.Ports;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demos, shortened, as a user runs them: {@code streamwall demo [job]} with the
 * embedded Kafka and PostgreSQL, the local MiniCluster, the generator with transport faults, and
 * the closing summary.
 */
class DemoCommandITCase {

    /** Runs {@code streamwall demo <args>} as fast as it goes, without the board, for 120 s. */
    private static CliRun demo(Path workDir, String... args) {
        return demo(workDir, Ports.randomFreePort(), args);
    }

    /** The same with the Prometheus reporter asked for on {@code metricsPort}. */
    private static CliRun demo(Path workDir, int metricsPort, String... args) {
        List<String> argv = new ArrayList<>(List.of("demo"));
        argv.addAll(List.of(args));
        argv.addAll(
                List.of(
                        "--speed",
                        "0",
                        "--duration",
                        "120s",
                        "--no-board",
                        "--metrics-port",
                        Integer.toString(metricsPort),
                        "--work-dir",
                        workDir.toString()));
        return CliRun.of(argv);
    }

    @Test
    void runsAShortRaceEndToEndAndEndsWithASummary(@TempDir Path workDir) {
        CliRun run =
                demo(
                        workDir,
                        CliRun.words(
                                "--laps 3 --cars 4 --hz 10 --faults none --transport-faults"
                                        + " malformed=0.01"));
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .containsPattern("connect with: PGPASSWORD=[0-9a-f]{32} psql -h localhost -p ")
                .contains("Prometheus metrics: http://localhost:")
                .contains("Job stopped with a savepoint")
                .containsPattern("laps +: 12\\b")
                .containsPattern("car outlooks by call +: .*STAY_OUT \\d+")
                .containsPattern("pit-call steps +: ")
                .containsPattern("dead-lettered by reason +: [A-Z_]+ \\d+")
                .containsPattern("events processed by the job +: [1-9][0-9,]* \\(");
    }

    /** Also: the metrics port it is given is taken, so it moves to the next and says so. */
    @Test
    void runsASmallPlantEndToEndAndEndsWithASummary(@TempDir Path workDir) throws Exception {
        int taken = Ports.randomFreePort();
        CliRun run;
        try (ServerSocket someoneElse = new ServerSocket(taken)) {
            run =
                    demo(
                            workDir,
                            taken,
                            CliRun.words(
                                    "factory --machines 4 --sim-duration 60m --faults"
                                            + " overheating@M02+20m --start-time"
                                            + " 2026-03-02T05:00:00Z --transport-faults"
                                            + " malformed=0.005"));
        }
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains("(port " + taken + " is in use)")
                .containsPattern("Flink Web UI: http://localhost:\\d+/")
                .contains("Job stopped with a savepoint")
                .containsPattern("alerts by type +: OVERHEATING 1\\b")
                .containsPattern("anomaly episodes by kind +: .*HIGH \\d+")
                .containsPattern("dead-lettered by reason +: [A-Z_]+ \\d+")
                .containsPattern("events processed by the job +: [1-9][0-9,]* \\(");
    }

    /** Also: over a Kafka of one's own that wants a login (SASL SCRAM), and a wrong password. */
    @Test
    void runsABlockedAvenueEndToEndAndEndsWithASummary(@TempDir Path workDir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().scramListener().start()) {
            Path wrong =
                    EmbeddedKafka.writeScramProperties(
                            workDir.resolve("wrong.properties"),
                            EmbeddedKafka.SCRAM_USER,
                            "not-the-password");
            CliRun refused =
                    demo(
                            workDir,
                            CliRun.words(
                                    "cityflow --kafka %s --kafka-properties %s",
                                    kafka.scramBootstrapServers(), wrong));
            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.out())
                    .contains(
                            "streamwall demo: cannot use Kafka at " + kafka.scramBootstrapServers())
                    .doesNotContain("Flink job");

            Path good =
                    EmbeddedKafka.writeScramProperties(
                            workDir.resolve("kafka.properties"),
                            EmbeddedKafka.SCRAM_USER,
                            EmbeddedKafka.SCRAM_PASSWORD);
            runsABlockedAvenue(
                    workDir,
                    "--kafka",
                    kafka.scramBootstrapServers(),
                    "--kafka-properties",
                    good.toString());
        }
    }

    private static void runsABlockedAvenue(Path workDir, String... kafka) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "cityflow",
                                "--start",
                                "2026-03-03T07:20:00Z",
                                "--sim-duration",
                                "60m",
                                "--incidents",
                                "R20@25m+35m/2",
                                "--incidents-per-hour",
                                "0",
                                "--transport-faults",
                                "malformed=0.005"));
        args.addAll(List.of(kafka));
        CliRun run = demo(workDir, args.toArray(String[]::new));
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains("Job stopped with a savepoint")
                .containsPattern("STREAMWALL CITYFLOW  sim \\d\\d:\\d\\d  sent [1-9]")
                .containsPattern("city clock 0[78]:\\d\\d   reroutes \\d+   open incidents")
                .containsPattern("predictions +: roads x minutes [1-9]")
                .containsPattern("incidents by kind +: .*INCIDENT 1\\b")
                .containsPattern("reroutes by road +: .*R20 \\d+")
                .containsPattern("T\\+30 predictions checked +: [1-9][0-9,]*, mean error job")
                .containsPattern("dead-lettered by reason +: [A-Z_]+ \\d+")
                .containsPattern("events processed by the job +: [1-9][0-9,]* \\(");
    }
}
