package dev.streamwall.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An engine of {@code bench --vs-spark} (its name, main class and classpath) and how the bench runs
 * it: a JVM of its own speaking the {@link EngineRun} protocol on standard output, its standard
 * error appended to {@code $TMPDIR/streamwall-bench-<name>.log}.
 */
record EngineProcess(String name, String mainClass, String classpath) {

    /** The engines' JVMs: the same heap, and the same module openings Spark needs on Java 17. */
    private static final List<String> JVM_OPTIONS =
            List.of(
                    "-Xmx3g",
                    "-XX:+UseG1GC",
                    "-XX:+IgnoreUnrecognizedVMOptions",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/java.math=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
                    "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
                    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                    "-Djdk.reflect.useDirectMethodHandle=false",
                    "-Dio.netty.tryReflectionSetAccessible=true");

    /** Each engine's standard error (its log), kept for a failed run. */
    Path logFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "streamwall-bench-" + name + ".log");
    }

    /** Removes the log of an earlier bench. */
    void clearLog() throws IOException {
        Files.deleteIfExists(logFile());
    }

    /** Runs a bounded engine run to its end; the wall and CPU ms of its last (measured) run. */
    long[] runBounded(EngineRun run) throws Exception {
        Process process = launch(run);
        List<String> lines = new ArrayList<>();
        Thread reader = readLines(process, new CompletableFuture<>(), lines);
        boolean done = process.waitFor(30, TimeUnit.MINUTES);
        reader.join(10_000);
        if (!done || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    name
                            + " failed ("
                            + (done ? "exit " + process.exitValue() : "no end in 30 min")
                            + "); its log: "
                            + logFile());
        }
        String last = null;
        synchronized (lines) {
            for (String line : lines) {
                if (line.startsWith(EngineRun.RESULT + " ")) {
                    last = line;
                }
            }
        }
        if (last == null) {
            throw new IllegalStateException(name + " printed no result; its log: " + logFile());
        }
        String[] f = last.split(" ");
        return new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])};
    }

    /** A streaming run, started and reading its topic; close it to stop the engine. */
    Running startStreaming(EngineRun run) throws Exception {
        Process process = launch(run);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = readLines(process, ready, new ArrayList<>());
        Running running = new Running(process, reader);
        try {
            ready.get(3, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            running.close();
            throw new IllegalStateException(
                    name + " did not start reading in 3 minutes; its log: " + logFile());
        } catch (Exception e) {
            running.close();
            throw e;
        }
        return running;
    }

    /** A streaming engine process. */
    record Running(Process process, Thread reader) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            reader.interrupt();
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private Process launch(EngineRun run) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        // Extra options for the engines' JVMs, {engine} standing for the engine's name, e.g. a
        // profiler: -XX:StartFlightRecording=filename=/tmp/{engine}.jfr
        String extra = System.getenv("STREAMWALL_BENCH_ENGINE_OPTS");
        if (extra != null && !extra.isBlank()) {
            for (String option : extra.trim().split("\\s+")) {
                command.add(option.replace("{engine}", name));
            }
        }
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(run.toArgs()));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
    }

    /** Reads the process's standard output: completes {@code ready} at READY, keeps every line. */
    private Thread readLines(Process process, CompletableFuture<Void> ready, List<String> lines) {
        Thread t =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = in.readLine()) != null) {
                                    synchronized (lines) {
                                        lines.add(line);
                                    }
                                    if (line.equals(EngineRun.READY)) {
                                        ready.complete(null);
                                    }
                                }
                            } catch (IOException e) {
                                // The process ended.
                            }
                            ready.completeExceptionally(
                                    new IllegalStateException(
                                            name
                                                    + " ended before it was ready; its log: "
                                                    + logFile()));
                        },
                        "bench-" + name + "-stdout");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
