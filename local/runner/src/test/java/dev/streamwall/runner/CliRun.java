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

    /**
     * The arguments of a command line as a user types it: {@code line} with each {@code %s} filled
     * in by the next of {@code values}, split at spaces; a value with a space in it is refused.
     */
    public static String[] words(String line, Object... values) {
        for (Object v : values) {
            if (String.valueOf(v).chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("an argument with a space: '" + v + "'");
            }
        }
        return String.format(java.util.Locale.ROOT, line, values).trim().split("\\s+");
    }

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
