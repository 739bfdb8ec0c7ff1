package dev.streamwall.embedded;

import java.time.Duration;

/** Waits in tests for something a running job will make true. */
public final class Eventually {

    /** A condition a test waits for. */
    @FunctionalInterface
    public interface Check {
        boolean ok() throws Exception;
    }

    private Eventually() {}

    /** What a failed wait reports about the state it was waiting on. */
    @FunctionalInterface
    public interface Report {
        String describe() throws Exception;
    }

    /** Polls the check every 250 ms until it holds; fails after the timeout. */
    public static void waitFor(Check check, Duration timeout) throws Exception {
        waitFor(check, timeout, () -> "");
    }

    /**
     * Polls the check every 250 ms until it holds; fails after the timeout with {@code report}'s
     * description of where things stood.
     */
    public static void waitFor(Check check, Duration timeout, Report report) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                String state = report.describe();
                throw new AssertionError(
                        "condition not met within "
                                + timeout
                                + (state.isEmpty() ? "" : ": " + state));
            }
            Thread.sleep(250);
        }
    }
}
