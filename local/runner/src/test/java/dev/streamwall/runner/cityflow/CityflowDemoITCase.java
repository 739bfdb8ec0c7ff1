package dev.streamwall.runner.cityflow;

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
 * {@code streamwall demo cityflow} as a user runs it: embedded Kafka and PostgreSQL, the local
 * MiniCluster, the city generator with a blocked avenue, and the closing summary.
 */
class CityflowDemoITCase {

    @Test
    void runsABlockedAvenueEndToEndAndEndsWithASummary(@TempDir Path workDir) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code =
                    new CommandLine(new CityflowDemoCommand())
                            .execute(
                                    "--start",
                                    "2026-03-03T07:20:00Z",
                                    "--sim-duration",
                                    "60m",
                                    "--incidents",
                                    "R20@25m+35m/2",
                                    "--incidents-per-hour",
                                    "0",
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
