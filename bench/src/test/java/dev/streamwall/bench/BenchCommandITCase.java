package dev.streamwall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CI smoke run of {@code streamwall bench --quick}: every leg runs, the table and the JSON file
 * come out, and the graph runs agree on their outputs. It checks that the bench works, not how fast
 * anything is.
 */
class BenchCommandITCase {

    @TempDir Path dir;

    @Test
    void quickRunPrintsAndSavesEveryLeg() throws Exception {
        StringWriter printed = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand()).setOut(new PrintWriter(printed));

        // Two graph runs of the four: either state backend and either input format.
        int exit =
                cli.execute(
                        "pitwall",
                        "--quick",
                        "--variants",
                        "heap/objects,rocksdb/wire",
                        "--out",
                        dir.toString());

        assertThat(exit).isZero();
        assertThat(printed.toString())
                .contains("events/CPU-s")
                .contains("pitwall outputs (telemetry 42,397")
                .contains("identical in both graph runs")
                .contains("ms from the input that completes a result to its sink")
                .contains("writer ÷ COPY")
                .contains("plain loop json: laps, outlook and decisions the same as the graph's")
                .contains("pitwall end to end:");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.toList();
        }
        assertThat(files)
                .singleElement()
                .satisfies(f -> assertThat(f.toString()).endsWith("-quick.json"));
        JsonNode report = BenchReport.MAPPER.readTree(files.get(0).toFile());
        assertThat(report.path("machine").path("cores").asInt()).isPositive();
        // Two generator runs, two graph runs, the plain loop twice, one paced latency run; then
        // the sink leg (writer and COPY per table the run has rows for), the Kafka leg and the
        // end-to-end run.
        List<String> legs = new java.util.ArrayList<>();
        report.path("measurements").forEach(m -> legs.add(m.path("leg").asText()));
        assertThat(legs.subList(0, 7))
                .containsExactly(
                        "generator", "generator", "graph", "graph", "plain", "plain", "graph");
        assertThat(legs.stream().filter("sink"::equals).count()).isGreaterThanOrEqualTo(8);
        assertThat(legs.stream().filter("kafka"::equals).count()).isEqualTo(2);
        JsonNode e2e = report.path("measurements").get(legs.indexOf("e2e"));
        assertThat(e2e.path("counts").path("telemetry").asLong())
                .as("every sample stored")
                .isEqualTo(42_397);
        assertThat(e2e.path("counts").path("laps").asLong()).isEqualTo(40);
        for (int i = 0; i < 4; i++) {
            JsonNode m = report.path("measurements").get(i);
            assertThat(m.path("events").asLong()).isEqualTo(42_397);
            assertThat(m.path("events_per_cpu_second").asDouble()).isPositive();
        }
        JsonNode paced = report.path("measurements").get(6);
        assertThat(paced.path("variant").asText()).isEqualTo("latency@8,000/s");
        assertThat(paced.path("latency_ms").path("laps.count").asDouble()).isEqualTo(20);
        assertThat(paced.path("latency_ms").path("laps.p99").asDouble()).isBetween(0.0, 60_000.0);
        JsonNode graph = report.path("measurements").get(2);
        assertThat(graph.path("counts").path("laps").asLong()).isEqualTo(40);
        assertThat(graph.path("counts").path("outlook").asLong())
                .as("an outlook per car and lap, and per track-status change")
                .isGreaterThanOrEqualTo(40);

        // A later run compares itself with the file.
        StringWriter compared = new StringWriter();
        int again =
                new CommandLine(new BenchCommand())
                        .setOut(new PrintWriter(compared))
                        .execute(
                                "pitwall",
                                "--quick",
                                "--no-generator",
                                "--variants",
                                "heap/objects",
                                "--no-save",
                                "--no-sinks",
                                "--compare",
                                files.get(0).toString());
        assertThat(again).isZero();
        assertThat(compared.toString())
                .contains("pitwall graph heap/objects")
                .contains("events/CPU-s x");
    }

    @Test
    void unknownJobIsOneLine() {
        StringWriter err = new StringWriter();
        int exit =
                new CommandLine(new BenchCommand())
                        .setErr(new PrintWriter(err))
                        .execute("rally", "--quick", "--no-save");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .startsWith(
                        "No benchmark for job 'rally': use one of [pitwall, factory, cityflow]");
    }
}
