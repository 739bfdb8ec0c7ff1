package dev.streamwall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A wrong option of {@code streamwall bench} is one line saying what to give instead, at once. */
class BenchCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli =
                new CommandLine(new BenchCommand())
                        .setOut(new PrintWriter(new StringWriter()))
                        .setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private String firstLine() {
        return err.toString().lines().findFirst().orElse("");
    }

    @Test
    void repeatedRunsKeepTheMedianAndAnyRunWhoseOutputsDiffer() {
        Measurement slow = graphRun(10.0, "00aa");
        Measurement middle = graphRun(8.0, "00aa");
        Measurement fast = graphRun(5.0, "00bb");
        StringWriter printed = new StringWriter();

        java.util.List<Measurement> kept =
                Progress.median(new PrintWriter(printed), java.util.List.of(slow, fast, middle));

        assertThat(kept).hasSize(2);
        assertThat(kept.get(0)).isSameAs(middle);
        assertThat(kept.get(1).variant()).isEqualTo("heap/objects (run 2)");
        assertThat(kept.get(1).digests()).containsEntry("laps", "00bb");
        assertThat(printed.toString())
                .contains("125,000 events/CPU-s (median of 3 runs: 100,000 to 200,000)");
    }

    @Test
    void aComparisonWithAFileTimedTheOldWaySaysSo(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        BenchReport now = BenchReport.of(false, 2, java.util.List.of(graphRun(8.0, "00aa")));
        java.nio.file.Path same = now.save(dir.resolve("same"));
        com.fasterxml.jackson.databind.node.ObjectNode old =
                (com.fasterxml.jackson.databind.node.ObjectNode)
                        BenchReport.MAPPER.readTree(same.toFile());
        old.remove("graph_timing");
        java.nio.file.Path older = dir.resolve("older.json");
        BenchReport.MAPPER.writeValue(older.toFile(), old);

        StringWriter againstSame = new StringWriter();
        now.printComparison(same, new PrintWriter(againstSame, true));
        StringWriter againstOlder = new StringWriter();
        now.printComparison(older, new PrintWriter(againstOlder, true));

        assertThat(againstSame.toString()).doesNotContain("with care").contains("x1.00");
        assertThat(againstOlder.toString())
                .contains("started and stopped a cluster")
                .contains("x1.00");
    }

    private static Measurement graphRun(double cpuSeconds, String digest) {
        return new Measurement(
                "pitwall",
                "graph",
                "heap/objects",
                1_000_000,
                cpuSeconds / 2,
                cpuSeconds,
                0,
                java.util.Map.of("laps", 160L),
                java.util.Map.of("laps", digest),
                java.util.Map.of());
    }

    @Test
    void aRateThatIsNotPositiveIsRefused() {
        assertThat(run("pitwall", "--latency-rates", "20000,0")).isEqualTo(2);
        assertThat(firstLine())
                .isEqualTo(
                        "--latency-rates: each rate is a positive number of samples per second,"
                                + " got 0");
    }

    @Test
    void aWatermarkingWithoutItsIntervalIsRefused() {
        assertThat(run("--vs-spark", "--vs-spark-watermarks", "250ms")).isEqualTo(2);
        assertThat(firstLine())
                .isEqualTo(
                        "--vs-spark-watermarks: a watermarking is"
                                + " OUT_OF_ORDERNESS/INTERVAL[/IDLENESS], e.g. 250ms/25ms; got"
                                + " 250ms");
    }

    @Test
    void anUnknownEngineIsRefused() {
        assertThat(run("--vs-spark", "--vs-spark-engines", "flink,storm")).isEqualTo(2);
        assertThat(firstLine())
                .isEqualTo(
                        "--vs-spark-engines: no engine storm; the engines are flink, spark,"
                                + " pitwall");
    }

    @Test
    void aMissingSparkSideSaysHowToBuildIt() {
        assertThat(run("--vs-spark", "--spark-classpath", "no/such/spark-classpath.txt"))
                .isEqualTo(2);
        assertThat(firstLine())
                .startsWith("--vs-spark: no no/such/spark-classpath.txt: build the Spark side")
                .contains("--spark-classpath");
    }
}
