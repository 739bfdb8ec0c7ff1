package dev.streamwall.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the job's own metrics back from Flink's Prometheus reporter, as a user's scraper would. */
public final class PrometheusScrape {

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;

    public PrometheusScrape(int port) {
        this.uri = URI.create("http://localhost:" + port + "/");
    }

    public String fetch() throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + r.statusCode());
        }
        return r.body();
    }

    /** The largest value of a metric over its series (for example subtasks), by a label's value. */
    public static Map<String, Double> maxBy(String exposition, String metric, String label) {
        return aggregate(exposition, metric, label, Math::max);
    }

    /**
     * Sum of a metric over all its series, grouped by the value of {@code label} (or "" without
     * it).
     */
    public static Map<String, Double> sumBy(String exposition, String metric, String label) {
        return aggregate(exposition, metric, label, Double::sum);
    }

    private static Map<String, Double> aggregate(
            String exposition,
            String metric,
            String label,
            java.util.function.BinaryOperator<Double> combine) {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.find() || !m.group(1).equals(metric)) {
                continue;
            }
            String key = "";
            if (label != null && m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    if (l.group(1).equals(label)) {
                        key = l.group(2);
                    }
                }
            }
            double v;
            try {
                v = Double.parseDouble(m.group(4));
            } catch (NumberFormatException e) {
                continue;
            }
            if (Double.isFinite(v)) {
                sums.merge(key, v, combine);
            }
        }
        return sums;
    }

    public static double total(String exposition, String metric) {
        return sumBy(exposition, metric, null).values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    /**
     * Scrapes the Prometheus reporters listening on {@code firstPort..lastPort} (a MiniCluster's
     * range) until one serves an exposition with Flink operator metrics that passes the check.
     *
     * @throws AssertionError after the timeout, showing the lines of the last scrape that start
     *     with any of {@code show}
     */
    public static String waitFor(
            int firstPort,
            int lastPort,
            java.time.Duration timeout,
            java.util.function.Predicate<String> check,
            String... show)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            for (int port = firstPort; port <= lastPort; port++) {
                try {
                    String body = new PrometheusScrape(port).fetch();
                    if (body.contains("flink_taskmanager_job_task_operator_")) {
                        last = body;
                        if (check.test(body)) {
                            return body;
                        }
                    }
                } catch (IOException e) {
                    // nothing listens on this port
                }
            }
            Thread.sleep(500);
        }
        String seen = last;
        throw new AssertionError(
                "the Prometheus endpoint never served the expected metrics; last scrape:\n"
                        + String.join(
                                "\n",
                                seen.lines()
                                        .filter(
                                                l ->
                                                        java.util.Arrays.stream(show)
                                                                .anyMatch(l::startsWith))
                                        .toList()));
    }
}
