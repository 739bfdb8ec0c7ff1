package dev.streamwall.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Every command the README names exists and explains itself. */
class StreamwallCliTest {

    @ParameterizedTest
    @CsvSource({
        "demo, --speed",
        "demo pitwall, --telemetry-decimation",
        "demo cityflow, --incidents",
        "demo factory, --machines",
        "generate f1, --laps",
        "generate factory, --machines",
        "generate city, --incidents",
        "replay factory, --file",
        "replay city, --format",
        "run pitwall, --pit-stops",
        "run factory, --labels-column",
        "run cityflow, --zero-is-missing",
        "evaluate city, --sim-duration",
        "evaluate factory, --machines",
        "sql, --snapshot"
    })
    void helpListsTheCommandsOptions(String command, String option) {
        StringWriter out = new StringWriter();
        CommandLine cl = StreamwallCli.commandLine();
        cl.setOut(new PrintWriter(out));
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.setOut(new PrintWriter(out));
        }
        String[] words = (command + " --help").split(" ");
        int code = cl.execute(words);
        assertThat(code).isZero();
        assertThat(out.toString()).contains(option);
    }
}
