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

    /** Polls the check every 250 ms until it holds; fails after the timeout. */
    public static void waitFor(Check check, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(250);
        }
    }
}
