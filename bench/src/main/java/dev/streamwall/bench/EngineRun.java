package dev.streamwall.bench;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * What {@code bench --vs-spark} asks of an engine's process ({@link FlinkLaps}, and the Spark
 * side's {@code SparkLaps}), and what the process prints back on its standard output.
 *
 * <p>Arguments, in order: {@code bounded|streaming}, the bootstrap servers, the telemetry topic,
 * the laps topic, the car numbers (comma-separated), the out-of-orderness in ms, the watermark
 * interval in ms, the idleness in ms (Flink), the parallelism, and the number of runs. A bounded
 * run reads the topic from the start to the end it has when the run starts and stops; each run but
 * the last (the JIT's warm-up) writes to the laps topic with {@code -warmup<i>} added. A streaming
 * run reads from the start until the process is stopped, and prints {@code READY} once it reads.
 *
 * <p>Each bounded run prints {@code RESULT <run> <wall ms> <cpu ms>}: the wall-clock and CPU time
 * of the whole process (every thread) from the submission of the run to its end.
 */
public record EngineRun(
        boolean bounded,
        String bootstrap,
        String inTopic,
        String lapsTopic,
        String cars,
        long outOfOrdernessMs,
        long watermarkIntervalMs,
        long idlenessMs,
        int parallelism,
        int runs,
        String warmupTopic) {

    public static final String READY = "READY";
    public static final String RESULT = "RESULT";

    public static EngineRun parse(String[] args) {
        if (args.length != 11) {
            throw new IllegalArgumentException(
                    "expected 11 arguments (bounded|streaming, bootstrap, topic, laps topic, cars,"
                            + " out-of-orderness ms, watermark interval ms, idleness ms, parallelism,"
                            + " runs, warm-up topic), got "
                            + args.length);
        }
        return new EngineRun(
                switch (args[0]) {
                    case "bounded" -> true;
                    case "streaming" -> false;
                    default ->
                            throw new IllegalArgumentException(
                                    "mode must be bounded or streaming, got " + args[0]);
                },
                args[1],
                args[2],
                args[3],
                args[4],
                Long.parseLong(args[5]),
                Long.parseLong(args[6]),
                Long.parseLong(args[7]),
                Integer.parseInt(args[8]),
                Integer.parseInt(args[9]),
                args[10]);
    }

    /** The arguments that {@link #parse} reads back. */
    public String[] toArgs() {
        return new String[] {
            bounded ? "bounded" : "streaming",
            bootstrap,
            inTopic,
            lapsTopic,
            cars,
            Long.toString(outOfOrdernessMs),
            Long.toString(watermarkIntervalMs),
            Long.toString(idlenessMs),
            Integer.toString(parallelism),
            Integer.toString(runs),
            warmupTopic
        };
    }

    /** Whether run {@code i} (from 1) reads a bounded input: every run but a streaming last. */
    public boolean boundedRun(int i) {
        return bounded || i < runs;
    }

    /** The topic run {@code i} (from 1) reads. */
    public String inTopic(int i) {
        return bounded || i == runs ? inTopic : warmupTopic;
    }

    /** Where run {@code i} (from 1) writes its laps. */
    public String outTopic(int i) {
        return i == runs ? lapsTopic : lapsTopic + "-warmup" + i;
    }

    public void printResult(int run, double wallSeconds, double cpuSeconds) {
        System.out.printf(
                Locale.ROOT,
                "%s %d %d %d%n",
                RESULT,
                run,
                Math.round(wallSeconds * 1000),
                Math.round(cpuSeconds * 1000));
        System.out.flush();
    }

    public static void printReady() {
        System.out.println(READY);
        System.out.flush();
    }

    /** Waits up to a minute for {@code status} to say RUNNING. */
    public static void waitRunning(Callable<String> status) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!"RUNNING".equals(status.call())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not running after a minute: " + status.call());
            }
            Thread.sleep(50);
        }
    }
}
