package dev.streamwall.runner.factory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code streamwall demo factory} on a small plant, as a user runs it: embedded Kafka and
 * PostgreSQL, the local MiniCluster, the generator, and the closing summary with the alert.
 */
class FactoryDemoITCase {

    @Test
    void runsASmallPlantEndToEndAndEndsWithASummary(@TempDir Path workDir) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code =
                    new CommandLine(new FactoryDemoCommand())
                            .execute(
                                    "--machines",
                                    "4",
                                    "--sim-duration",
                                    "60m",
                                    "--faults",
                                    "overheating@M02+20m",
                                    "--start-time",
                                    "2026-03-02T05:00:00Z",
                                    "--speed",
                                    "0",
                                    "--duration",
                                    "120s",
                                    "--no-board",
                                    "--metrics-port",
                                    Integer.toString(Ports.randomFreePort()),
                                    "--work-dir",
                                    workDir.toString(),
                                    "--transport-faults",
                                    "malformed=0.005");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.println(out);

        assertThat(code).isZero();
        assertThat(out)
                .contains("Job stopped with a savepoint")
                .containsPattern("alerts by type +: OVERHEATING 1\\b")
                .containsPattern("anomaly episodes by kind +: .*HIGH \\d+")
                .containsPattern("dead-lettered by reason +: [A-Z_]+ \\d+")
                .containsPattern("events processed by the job +: [1-9][0-9,]* \\(");
    }
}
