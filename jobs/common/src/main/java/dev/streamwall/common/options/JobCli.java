package dev.streamwall.common.options;

import picocli.CommandLine;

/** Parses a job's program arguments the same way for every job. */
public final class JobCli {

    /** Checks parsed options across fields; throws IllegalArgumentException naming the option. */
    @FunctionalInterface
    public interface Check<T> {
        void check(T options);
    }

    private JobCli() {}

    /**
     * Parses {@code args} into {@code options}; prints help and returns null when the job should
     * not run; a usage error or a failed check throws IllegalArgumentException with the message and
     * the usage, so {@code flink run} fails and says why.
     */
    public static <T> T parse(T options, Check<T> check, String... args) {
        CommandLine cli = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            CommandLine.ParseResult result = cli.parseArgs(args);
            if (result.isUsageHelpRequested() || result.isVersionHelpRequested()) {
                cli.usage(System.out);
                return null;
            }
            check.check(options);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage() + System.lineSeparator() + cli.getUsageMessage(), e);
        }
        return options;
    }
}
