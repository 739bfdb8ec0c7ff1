package dev.streamwall.bench.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI smoke run of {@code streamwall bench --vs-spark --quick}: the bench, in a JVM with its own
 * module's classpath (Kafka 4 broker, Flink), starts the Flink side and this module's Spark side in
 * JVMs of their own on the same race, and both write the same laps, record for record. It checks
 * that the comparison runs and agrees, not how fast either engine is. The paced latency leg is left
 * to the bench itself (it adds a minute).
 */
class VsSparkITCase {

    @TempDir Path dir;

    @Test
    void bothEnginesMakeTheSameLapsFromTheSameTopic() throws Exception {
        // This module's target/ and the bench module's, as the reactor left them.
        Path target = Path.of("target").toAbsolutePath();
        Path benchTarget = target.getParent().getParent().resolve("target");
        String classpath =
                benchTarget.resolve("classes")
                        + File.pathSeparator
                        + Files.readString(benchTarget.resolve("bench-classpath.txt")).trim();
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx1g",
                                "-cp",
                                classpath,
                                "dev.streamwall.bench.BenchCommand",
                                "--vs-spark",
                                "--quick",
                                "--no-latency",
                                "--out",
                                dir.toString(),
                                "--spark-classpath",
                                target.resolve("spark-classpath.txt").toString()));
        Path printed = dir.resolve("printed.txt");
        Process bench =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(printed.toFile())
                        .start();
        boolean ended = bench.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            bench.destroyForcibly();
        }
        String out = Files.readString(printed, StandardCharsets.UTF_8);
        assertThat(ended).as("ended in 10 minutes: %s", out).isTrue();
        assertThat(bench.exitValue()).as(out).isZero();
        assertThat(out)
                .contains("pitwall laps, Flink against Spark: 42,397 samples")
                .contains("laps: flink 40 spark 40; the same, record for record")
                .containsPattern("pitwall +vs-spark +flink laps +42,397")
                .containsPattern("pitwall +vs-spark +spark laps +42,397");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith("-quick.json"))).hasSize(1);
        }
    }
}
