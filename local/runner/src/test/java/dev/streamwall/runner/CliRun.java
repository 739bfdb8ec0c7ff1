package dev.streamwall.runner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One {@code streamwall} command run in this JVM as a user runs it, with its exit code and
 * everything it printed on standard output (also echoed to the test's log).
 */
public record CliRun(int code, String out) {

    /** Runs {@code argv} (the command and its arguments). */
    public static CliRun of(List<String> argv) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code = StreamwallCli.commandLine().execute(argv.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.println(out);
        return new CliRun(code, out);
    }
}
