package dev.streamwall.generators.city;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CityCommandTest {

    @Test
    void optionsDescribeTheCity() {
        CityCommand command = new CityCommand();
        new CommandLine(command)
                .parseArgs(
                        "--seed",
                        "7",
                        "--sim-duration",
                        "2h",
                        "--incidents",
                        "R20@60m+25m",
                        "--incidents-per-hour",
                        "0");
        CityConfig config = command.config();
        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.duration()).isEqualTo(Duration.ofHours(2));
        assertThat(config.incidents())
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.road()).isEqualTo("R20");
                            assertThat(i.duration()).isEqualTo(Duration.ofMinutes(25));
                            assertThat(i.startMs() - config.start().toEpochMilli())
                                    .isEqualTo(Duration.ofMinutes(60).toMillis());
                        });
    }

    @Test
    void anIncidentOnAnUnknownRoadIsRefusedWithTheReason() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CityCommand()).setErr(new PrintWriter(err));
        int code = cl.execute("--incidents", "R99@10m", "--kafka", "localhost:1");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("R99").contains("not in the network");
    }
}
