package dev.streamwall.embedded;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;

/**
 * A savepoint upgrade as users do it, on a {@link JobStack}: the job reads the first part of the
 * input and stops with a savepoint; the rest arrives while it is down; a changed job resumes from
 * the savepoint (or from one an earlier version took) and reads the rest. The test then compares
 * the stack's tables with one uninterrupted run.
 */
public final class UpgradeScenario {

    /** Publishes events {@code [from, from + count)} of the test's input into the stack. */
    @FunctionalInterface
    public interface Publish {
        void publish(long from, long count) throws Exception;
    }

    /** What the test waits for while the resumed job runs; it is cancelled afterwards. */
    @FunctionalInterface
    public interface WhileRunning {
        void run() throws Exception;
    }

    /** Longer than a watermark interval and a sink's batch interval together. */
    private static final long SETTLE_MS = 2_000;

    private final JobStack<?> stack;
    private final long events;
    private final Publish publish;

    /** An upgrade of {@code stack}'s job over an input of {@code events} events. */
    public UpgradeScenario(JobStack<?> stack, long events, Publish publish) {
        this.stack = stack;
        this.events = events;
        this.publish = publish;
    }

    /**
     * Publishes events {@code [0, upTo)}, runs the job until {@code processed} holds, and stops it
     * with a savepoint, whose path it returns.
     */
    public String runAndStop(long upTo, Eventually.Check processed) throws Exception {
        publish.publish(0, upTo);
        JobClient v1 = stack.start("upgrade");
        try {
            Eventually.waitFor(processed, Duration.ofSeconds(120), () -> where(v1));
            // `processed` allows for the last seconds that wait in event-time buffers, so it can
            // hold while the source still has a few of the published records to read. Resumed
            // from an earlier version's savepoint, which read them all, the job would never see
            // those: let it read to the end first (nothing paces it).
            Thread.sleep(SETTLE_MS);
        } catch (AssertionError | Exception e) {
            // A job left running would hold the MiniCluster's slots and fail the next test too.
            v1.cancel().get(30, TimeUnit.SECONDS);
            throw e;
        }
        return JobStack.stopWithSavepoint(v1);
    }

    /** Where a job that has not got far enough stands: its status and the stack's dead letters. */
    private String where(JobClient job) {
        StringBuilder s = new StringBuilder();
        try {
            s.append("job ").append(job.getJobStatus().get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            s.append("job status unknown (").append(e).append(')');
        }
        try {
            s.append(", dead letters ")
                    .append(
                            stack.query(
                                    "SELECT reason, count(*) AS n FROM dead_letters GROUP BY reason"));
        } catch (Exception e) {
            s.append(", no dead letters table (").append(e.getMessage()).append(')');
        }
        return s.toString();
    }

    /**
     * Publishes events {@code [from, end)}, resumes the job changed by {@code changes} (program
     * arguments) from {@code savepoint}, and cancels it once {@code whileRunning} returns.
     */
    public void resume(String savepoint, long from, WhileRunning whileRunning, String... changes)
            throws Exception {
        publish.publish(from, events - from);
        JobClient v2 = stack.startFromSavepoint(savepoint, "upgrade", changes);
        try {
            whileRunning.run();
        } finally {
            if (v2.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
                // It failed: its result carries the cause.
                v2.getJobExecutionResult().get(30, TimeUnit.SECONDS);
            }
            v2.cancel().get(30, TimeUnit.SECONDS);
        }
    }
}
