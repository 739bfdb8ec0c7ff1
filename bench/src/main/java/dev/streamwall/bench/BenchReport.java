package dev.streamwall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A benchmark's results with what they were measured on: printed as a table, kept as JSON ({@code
 * bench/results/*.json}) and compared with an earlier file.
 */
record BenchReport(
        String commit,
        String measuredAt,
        Map<String, Object> machine,
        String jvm,
        boolean quick,
        int parallelism,
        String graphTiming,
        List<Measurement> measurements) {

    /**
     * How graph runs are timed, written into each file: on one cluster for the whole bench, the
     * median of repeated runs. Files without it timed a cluster's start and stop in every run.
     */
    static final String GRAPH_TIMING = "one session cluster, median of repeated runs";

    static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(SerializationFeature.INDENT_OUTPUT);

    static BenchReport of(boolean quick, int parallelism, List<Measurement> measurements) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        String jvm =
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.version")
                        + " "
                        + String.join(
                                " ",
                                ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                                        .filter(
                                                a ->
                                                        a.startsWith("-Xmx")
                                                                || a.startsWith("-XX:+Use"))
                                        .toList());
        return new BenchReport(
                gitCommit(),
                Instant.now().toString(),
                machine,
                jvm.trim(),
                quick,
                parallelism,
                GRAPH_TIMING,
                measurements);
    }

    /** Writes the report as {@code DIR/<jobs>-<time>.json} and returns the file. */
    Path save(Path dir) throws IOException {
        Files.createDirectories(dir);
        String jobs =
                measurements.stream()
                        .map(Measurement::job)
                        .distinct()
                        .collect(Collectors.joining("+"));
        String stamp =
                measuredAt.replaceAll("[-:]", "").replaceFirst("\\..*", "").replace('T', '-');
        Path file = dir.resolve(jobs + "-" + stamp + (quick ? "-quick" : "") + ".json");
        MAPPER.writeValue(file.toFile(), this);
        return file;
    }

    /**
     * The sink leg: per table, rows/s of its writer and of COPY into the same table, and their
     * ratio (CPU here is this process's only: the database's work is in its own processes).
     */
    private void printSinks(PrintWriter out) {
        Map<String, Measurement> copies = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            if (m.leg().equals("sink") && m.variant().endsWith("/copy")) {
                copies.put(m.job() + " " + m.variant().replace("/copy", ""), m);
            }
        }
        if (copies.isEmpty()) {
            return;
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "%-9s %-20s %10s %14s %14s %16s%n",
                "job",
                "table",
                "rows",
                "writer rows/s",
                "COPY rows/s",
                "writer ÷ COPY");
        for (Measurement m : measurements) {
            if (!m.leg().equals("sink") || !m.variant().endsWith("/writer")) {
                continue;
            }
            String table = m.variant().replace("/writer", "");
            Measurement copy = copies.get(m.job() + " " + table);
            if (copy == null) {
                continue;
            }
            out.printf(
                    Locale.ROOT,
                    "%-9s %-20s %,10d %,14.0f %,14.0f %16.2f%n",
                    m.job(),
                    table,
                    m.events(),
                    m.eventsPerSecond(),
                    copy.eventsPerSecond(),
                    m.eventsPerSecond() / copy.eventsPerSecond());
        }
    }

    void print(PrintWriter out) {
        if (measurements.stream().allMatch(m -> m.leg().equals("sink"))) {
            printSinks(out);
            return;
        }
        out.printf(
                Locale.ROOT,
                "%-9s %-9s %-15s %12s %8s %8s %12s %14s%n",
                "job",
                "leg",
                "variant",
                "events",
                "wall s",
                "CPU s",
                "events/s",
                "events/CPU-s");
        for (Measurement m : measurements) {
            if (m.leg().equals("sink")) {
                continue;
            }
            out.printf(
                    Locale.ROOT,
                    "%-9s %-9s %-15s %,12d %8.1f %8.1f %,12.0f %,14.0f%s%n",
                    m.job(),
                    m.leg(),
                    m.variant(),
                    m.events(),
                    m.wallSeconds(),
                    m.cpuSeconds(),
                    m.eventsPerSecond(),
                    m.eventsPerCpuSecond(),
                    m.bytesPerEvent() > 0
                            ? String.format(Locale.ROOT, "  (%.0f bytes/event)", m.bytesPerEvent())
                            : "");
        }
        printSinks(out);
        for (Measurement m : measurements) {
            Long machine = m.counts() == null ? null : m.counts().get(EndToEnd.MACHINE_CPU_MS);
            if (m.leg().equals("e2e") && machine != null && machine > 0) {
                out.printf(
                        Locale.ROOT,
                        "%s end to end: %,.0f events/s%s; CPU of the whole machine %.1f s (this"
                                + " process, with the broker, %.1f s; the rest mostly PostgreSQL):"
                                + " %,.0f events per machine CPU-s%n",
                        m.job(),
                        m.eventsPerSecond(),
                        m.counts().containsKey(EndToEnd.SLOWEST_EVENTS_PER_S)
                                ? String.format(
                                        Locale.ROOT,
                                        " (median of runs from %,d to %,d)",
                                        m.counts().get(EndToEnd.SLOWEST_EVENTS_PER_S),
                                        m.counts().get(EndToEnd.FASTEST_EVENTS_PER_S))
                                : "",
                        machine / 1000.0,
                        m.cpuSeconds(),
                        m.events() / (machine / 1000.0));
            }
        }
        for (Measurement m : measurements) {
            if (m.latencyMs() == null || m.latencyMs().isEmpty()) {
                continue;
            }
            out.printf(
                    Locale.ROOT,
                    "%s %s, ms from the input that completes a result to its sink:%n",
                    m.job(),
                    m.variant());
            for (String output :
                    m.latencyMs().keySet().stream()
                            .filter(k -> k.endsWith(".count"))
                            .map(k -> k.substring(0, k.length() - ".count".length()))
                            .toList()) {
                Double n = m.latencyMs().get(output + ".count");
                if (n == null) {
                    continue;
                }
                out.printf(
                        Locale.ROOT,
                        "  %-21s %,6.0f timed   p50 %,7.0f   p99 %,7.0f   p99.9 %,7.0f   max %,7.0f%n",
                        output,
                        n,
                        m.latencyMs().get(output + ".p50"),
                        m.latencyMs().get(output + ".p99"),
                        m.latencyMs().get(output + ".p999"),
                        m.latencyMs().get(output + ".max"));
            }
        }
    }

    /**
     * Whether every graph run of a job produced the same outputs (counts and digests); one line per
     * job.
     */
    void printOutputCheck(PrintWriter out) {
        Map<String, List<Measurement>> byJob =
                measurements.stream()
                        .filter(m -> m.leg().equals("graph") && m.latencyMs().isEmpty())
                        .collect(
                                Collectors.groupingBy(
                                        Measurement::job, LinkedHashMap::new, Collectors.toList()));
        byJob.forEach(
                (job, runs) -> {
                    Measurement first = runs.get(0);
                    String counts =
                            first.counts().entrySet().stream()
                                    .map(
                                            e ->
                                                    String.format(
                                                            Locale.ROOT,
                                                            "%s %,d",
                                                            e.getKey(),
                                                            e.getValue()))
                                    .collect(Collectors.joining(", "));
                    List<String> differing =
                            runs.stream()
                                    .filter(
                                            m ->
                                                    !m.counts().equals(first.counts())
                                                            || !m.digests().equals(first.digests()))
                                    .map(m -> m.variant() + " " + differences(first, m))
                                    .toList();
                    out.println(
                            job
                                    + " outputs ("
                                    + counts
                                    + "): "
                                    + (differing.isEmpty()
                                            ? (runs.size() == 2
                                                    ? "identical in both graph runs"
                                                    : "identical in all "
                                                            + runs.size()
                                                            + " graph runs")
                                            : "DIFFER from "
                                                    + first.variant()
                                                    + " in "
                                                    + String.join("; ", differing)));
                    for (Measurement plain : measurements) {
                        if (plain.job().equals(job) && plain.leg().equals("plain")) {
                            String differ = differences(plain, first);
                            out.println(
                                    job
                                            + " plain loop "
                                            + plain.variant()
                                            + ": "
                                            + listed(plain.digests().keySet())
                                            + (differ.isEmpty()
                                                    ? " the same as the graph's"
                                                    : " DIFFER from the graph's: " + differ));
                        }
                    }
                });
    }

    /** "a", "a and b", "a, b and c". */
    static String listed(java.util.Collection<String> names) {
        List<String> all = List.copyOf(names);
        return all.size() <= 1
                ? String.join("", all)
                : String.join(", ", all.subList(0, all.size() - 1))
                        + " and "
                        + all.get(all.size() - 1);
    }

    private static String differences(Measurement a, Measurement b) {
        return a.counts().keySet().stream()
                .filter(
                        k ->
                                !a.counts().get(k).equals(b.counts().get(k))
                                        || !a.digests().get(k).equals(b.digests().get(k)))
                .map(k -> k + " " + b.counts().get(k))
                .collect(Collectors.joining(", "));
    }

    /** Ratios of this report's throughput to an earlier one's, run by run. */
    void printComparison(Path earlier, PrintWriter out) throws IOException {
        JsonNode old = MAPPER.readTree(earlier.toFile());
        Map<String, JsonNode> before = new HashMap<>();
        for (JsonNode m : old.path("measurements")) {
            before.put(
                    m.path("job").asText()
                            + " "
                            + m.path("leg").asText()
                            + " "
                            + m.path("variant").asText(),
                    m);
        }
        out.printf(
                Locale.ROOT,
                "against %s (commit %s, %s):%n",
                earlier.getFileName(),
                old.path("commit").asText("?"),
                old.path("measured_at").asText("?"));
        if (!GRAPH_TIMING.equals(old.path("graph_timing").asText())) {
            out.println(
                    "  (its graph runs each started and stopped a cluster, about 2 CPU-s a run that"
                            + " these do not count: compare their events/CPU-s with care)");
        }
        for (Measurement m : measurements) {
            JsonNode b = before.get(m.key());
            if (b == null) {
                out.printf(Locale.ROOT, "  %-35s new%n", m.key());
                continue;
            }
            out.printf(
                    Locale.ROOT,
                    "  %-35s events/s x%.2f, events/CPU-s x%.2f%s%n",
                    m.key(),
                    m.eventsPerSecond() / Math.max(1e-9, b.path("events_per_second").asDouble()),
                    m.eventsPerCpuSecond()
                            / Math.max(1e-9, b.path("events_per_cpu_second").asDouble()),
                    sameOutputs(m, b));
        }
    }

    /** Whether a graph run's outputs match the earlier run's, record for record (digests). */
    private static String sameOutputs(Measurement m, JsonNode before) {
        if (m.digests().isEmpty()) {
            return "";
        }
        List<String> differ = new ArrayList<>();
        m.digests()
                .forEach(
                        (output, digest) -> {
                            if (!digest.equals(before.path("digests").path(output).asText())) {
                                differ.add(output);
                            }
                        });
        return differ.isEmpty()
                ? ", same outputs"
                : ", outputs DIFFER: " + String.join(", ", differ);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String gitCommit() {
        try {
            Process p =
                    new ProcessBuilder("git", "describe", "--always", "--dirty")
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 && !out.isEmpty() ? out : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
