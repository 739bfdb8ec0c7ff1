package dev.streamwall.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.embedded.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, shortened: {@code streamwall demo} on a small race, as a user runs
 * it, with the embedded Kafka and PostgreSQL, the local MiniCluster and the closing summary.
 */
class DemoCommandITCase {

    @Test
    void runsAShortRaceEndToEndAndEndsWithASummary(@TempDir Path workDir) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code =
                    StreamwallCli.commandLine()
                            .execute(
                                    "demo",
                                    "--laps",
                                    "3",
                                    "--cars",
                                    "4",
                                    "--hz",
                                    "10",
                                    "--faults",
                                    "none",
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
                                    "malformed=0.01");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.println(out);

        assertThat(code).isZero();
        assertThat(out)
                .contains("connect with: psql -h localhost -p ")
                .contains("Prometheus metrics: http://localhost:")
                .contains("Job stopped with a savepoint")
                .containsPattern("laps +: 12\\b")
                .containsPattern("strategy calls by type +: .*STAY_OUT \\d+")
                .containsPattern("dead-lettered by reason +: [A-Z_]+ \\d+")
                .containsPattern("events processed by the job +: [1-9][0-9,]* \\(");
    }
}
