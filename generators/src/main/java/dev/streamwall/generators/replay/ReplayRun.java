package dev.streamwall.generators.replay;

import java.io.PrintWriter;
import java.time.Instant;

/**
 * Runs a replay from a command line: says what it replays, stops cleanly on Ctrl-C, and reports
 * what was sent and the first rows it rejected with their line numbers.
 */
public final class ReplayRun {

    private ReplayRun() {}

    /**
     * @param name the command, such as {@code replay city}
     * @return the exit code: 0, 1 when every row was rejected, 2 when the file cannot be read
     */
    public static int run(String name, String what, CsvReplay replay, PrintWriter err) {
        err.println(name + ": " + what);
        err.flush();
        Thread hook = new Thread(replay::stop, "csv-replay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        CsvReplay.Result r;
        try {
            r = replay.run();
        } catch (IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            err.flush();
            return 2;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook has stopped the replay.
            }
        }
        err.printf(
                "%s done: %,d readings sent (%s .. %s), %,d rows rejected%n",
                name,
                r.sent(),
                r.sent() == 0 ? "-" : Instant.ofEpochMilli(r.firstTs()),
                r.sent() == 0 ? "-" : Instant.ofEpochMilli(r.lastTs()),
                r.rejected());
        for (String reason : r.firstRejections()) {
            err.println("  " + reason);
        }
        if (r.sent() > 0) {
            err.println(
                    "  timestamps: "
                            + r.timeFormat()
                            + "; rows back in time: "
                            + r.describeBackInTime());
        }
        err.flush();
        return r.sent() == 0 && r.rejected() > 0 ? 1 : 0;
    }
}
