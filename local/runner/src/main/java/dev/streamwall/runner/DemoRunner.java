package dev.streamwall.runner;

import dev.streamwall.common.db.DatabaseCheck;
import dev.streamwall.common.kafka.KafkaCheck;
import dev.streamwall.embedded.PrometheusScrape;
import dev.streamwall.runner.db.LocalPassword;
import dev.streamwall.runner.sql.SqlCommand;
import java.io.PrintStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs one {@link DemoJob} end to end on this machine: Kafka and PostgreSQL in-process (or the
 * given ones), the job on a local Flink MiniCluster, its generator into Kafka, the board redrawn
 * once a second, then a stop with a savepoint and a summary.
 */
public final class DemoRunner {

    private static final String EVENTS_IN = "flink_taskmanager_job_task_operator_events_in";
    private static final String LATE_EVENTS = "flink_taskmanager_job_task_operator_late_events";

    private final DemoOptions options;
    private final PrintStream out = System.out;
    private final Terminal terminal = new Terminal(System.out);
    private final Instant startedAt = Instant.now();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    public DemoRunner(DemoOptions options) {
        this.options = options;
    }

    /** Runs the job until its simulation is over, the duration is up or Ctrl-C; exit code. */
    public int run(DemoJob job) throws Exception {
        if (options.speed < 0) {
            System.err.println(
                    "streamwall demo: --speed must be 0 (as fast as possible) or positive, got "
                            + options.speed);
            return 2;
        }
        Files.createDirectories(options.workDir);
        // Ctrl-C and TERM stop the generator, the job (with a savepoint) and the embedded servers
        // in order. Left to the JVM, a signal would run every library's shutdown hook at once and
        // the MiniCluster would be torn down under the running job. A second Ctrl-C exits at once.
        SignalHandler graceful =
                signal -> {
                    if (stopRequested.getCount() == 0) {
                        // A second Ctrl-C: now. halt, not exit: exit would run the shutdown
                        // hook, which waits up to a minute for the clean stop already under way.
                        out.println();
                        out.println("Stopped at once, without a savepoint.");
                        out.flush();
                        Runtime.getRuntime().halt(130);
                    }
                    out.println();
                    out.println(
                            "Stopping: generator, job (savepoint), then the embedded servers ..."
                                    + " (Ctrl-C again stops at once)");
                    stopRequested.countDown();
                };
        Signal.handle(new Signal("INT"), graceful);
        Signal.handle(new Signal("TERM"), graceful);
        Thread hook =
                new Thread(
                        () -> {
                            stopRequested.countDown();
                            try {
                                stopped.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException ignored) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "streamwall-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runJob(job);
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // Ctrl-C: the JVM is already running the hook, which has just been released.
            }
        }
    }

    /** The port the Prometheus reporter really got (--metrics-port or the next free one). */
    private int metricsPort;

    /** Whether this demo left its database password for `streamwall sql` (deleted at the end). */
    private boolean wrotePassword;

    private int runJob(DemoJob job) throws Exception {
        try {
            return runJobOnServers(job);
        } finally {
            if (wrotePassword) {
                Files.deleteIfExists(SqlCommand.demoPasswordFile(options.workDir));
            }
        }
    }

    private int runJobOnServers(DemoJob job) throws Exception {
        out.println("streamwall demo: " + job.name() + ", " + job.describe());
        try (LocalServers servers =
                LocalServers.start(
                        options.kafka, options.jdbcUrl, options.jdbcUser, "streamwall", out)) {
            String url = servers.jdbcUrl;
            String psql = servers.psql;
            if (options.kafka != null) {
                // A wrong address, settings file or password: one line, before anything runs.
                try {
                    servers.useKafkaClient(options.kafkaClient);
                } catch (KafkaCheck.Unreachable | IllegalArgumentException e) {
                    out.println("streamwall demo: " + e.getMessage());
                    return 2;
                }
            } else if (options.kafkaClient.propertiesFile != null
                    || !options.kafkaClient.properties.isEmpty()) {
                out.println(
                        "streamwall demo: --kafka-properties/--kafka-property are for your own"
                                + " Kafka: give its bootstrap servers with --kafka (the in-process"
                                + " one needs none)");
                return 2;
            }
            servers.createTopics(job.topics());
            DemoEndpoints endpoints = servers.endpoints(options.parallelism);
            String password = servers.jdbcPassword;

            // A port another program holds moves to the next free one, and the demo says so.
            metricsPort =
                    LocalFlink.freePort(
                            options.metricsPort,
                            options.metricsPort + 11,
                            "the Prometheus reporter (--metrics-port)");
            int uiPort =
                    LocalFlink.freePort(LocalFlink.UI_PORT, LocalFlink.UI_LAST, "the Flink Web UI");
            StreamExecutionEnvironment env =
                    LocalFlink.environment(
                            LocalFlink.withWebUi(
                                    LocalFlink.configuration(
                                            options.parallelism,
                                            metricsPort,
                                            options.workDir.toAbsolutePath(),
                                            options.stateBackend),
                                    uiPort));
            String jobName = job.build(env, endpoints);
            out.println(
                    "  database migrated: "
                            + DatabaseCheck.redact(url)
                            + " ("
                            + servers.describeDatabase()
                            + ")");
            if (psql != null) {
                // For `streamwall sql` while the demo runs; deleted when it ends.
                LocalPassword.write(SqlCommand.demoPasswordFile(options.workDir), password);
                wrotePassword = true;
                out.println("  connect with: PGPASSWORD=" + password + " " + psql);
            }
            JobClient client = env.executeAsync(jobName);
            out.println(
                    "  Flink job "
                            + client.getJobID()
                            + " running on a local MiniCluster (parallelism "
                            + options.parallelism
                            + ")");
            out.println(
                    "  Prometheus metrics: http://localhost:"
                            + metricsPort
                            + "/"
                            + (metricsPort == options.metricsPort
                                    ? ""
                                    : "   (port " + options.metricsPort + " is in use)"));
            out.println(
                    "  Flink Web UI: http://localhost:"
                            + uiPort
                            + "/   (job graph, watermarks, back pressure, checkpoints)");

            DemoJob.Generator generator = job.startGenerator(endpoints, options.speed);
            long began = System.nanoTime();
            try (DemoJob.Board board = job.openBoard(endpoints);
                    Connection db = BoardSql.connect(endpoints)) {
                loop(job, generator, board, began, url, psql);
                generator.publisher().stop();
                String metrics = scrape();
                board.observe(metrics);
                double seconds = (System.nanoTime() - began) / 1e9;
                DemoSavepoints.stop(client, out);
                summary(job, board, db, metrics, generator, seconds, servers.embeddedKafka());
            }
            if (generator.publisher().failure() != null) {
                out.println(
                        "The generator failed: " + generator.publisher().failure().getMessage());
                return 1;
            }
            return 0;
        }
    }

    private void loop(
            DemoJob job,
            DemoJob.Generator generator,
            DemoJob.Board board,
            long began,
            String url,
            String psql)
            throws InterruptedException {
        boolean tty = System.console() != null && !options.noBoard;
        long deadline =
                options.duration == null ? Long.MAX_VALUE : began + options.duration.toNanos();
        long finishedAt = 0;
        double lastProcessed = -1;
        LocalTime dbDownSince = null;
        String title = "STREAMWALL " + job.name().toUpperCase(Locale.ROOT);
        // Without a terminal: a status line every 5 s (a second's tick can take longer than a
        // second, so "elapsed is a multiple of 5" could skip them all).
        double nextStatusAt = 0;
        while (System.nanoTime() < deadline && !stopRequested.await(1, TimeUnit.SECONDS)) {
            double elapsed = (System.nanoTime() - began) / 1e9;
            boolean statusPrinted = false;
            String header =
                    String.format(
                            Locale.ROOT,
                            "%s  %s  sent %,d (%,.0f/s)",
                            title,
                            generator.progress().get(),
                            generator.publisher().eventsSent(),
                            generator.publisher().eventsSent() / Math.max(elapsed, 1e-3));
            try {
                if (tty) {
                    int width = terminal.width();
                    List<String> lines = new ArrayList<>(board.render(header, width));
                    lines.add("");
                    lines.add(
                            BoardSql.fit(
                                    "DB: "
                                            + url
                                            + (psql == null ? "" : "   psql: " + psql)
                                            + "   metrics: http://localhost:"
                                            + metricsPort
                                            + "/",
                                    width));
                    lines.add(
                            "Ctrl-C stops cleanly"
                                    + (options.duration == null
                                            ? ""
                                            : "; stops by itself after "
                                                    + options.duration.toSeconds()
                                                    + " s"));
                    terminal.draw(lines);
                } else if (elapsed >= nextStatusAt) {
                    nextStatusAt = elapsed + 5;
                    out.println(header + "   " + board.status());
                    statusPrinted = true;
                }
                if (dbDownSince != null && (tty || statusPrinted)) {
                    // The board has just read the database.
                    out.println(
                            "  database reachable again (it was away since " + dbDownSince + ")");
                    dbDownSince = null;
                }
            } catch (java.sql.SQLException e) {
                if (dbDownSince == null) {
                    dbDownSince = LocalTime.now().truncatedTo(ChronoUnit.SECONDS);
                }
                String message =
                        "  database unreachable since "
                                + dbDownSince
                                + ", retrying (the job waits for it): "
                                + firstLine(e.getMessage());
                if (tty) {
                    terminal.draw(List.of(header, "", message));
                } else if (((long) elapsed) % 5 == 0) {
                    out.println(message);
                }
            }
            String metricsNow = scrape();
            board.observe(metricsNow);
            if (generator.publisher().failure() != null) {
                out.println("  generator failed: " + generator.publisher().failure().getMessage());
                break;
            }
            if (generator.publisher().isFinished()) {
                // The simulation is over: let the job work off what is still in Kafka, then let
                // the last results through the event-time buffers before stopping.
                long valid =
                        generator.publisher().recordsSent() - generator.publisher().malformedSent();
                double processed = eventsIn(metricsNow, job);
                if (processed < valid && processed > lastProcessed) {
                    // Still catching up (a restarted job counts from its checkpoint, so waiting
                    // stops as soon as the count no longer grows).
                    finishedAt = 0;
                } else if (finishedAt == 0) {
                    finishedAt = System.nanoTime();
                } else if (System.nanoTime() - finishedAt > TimeUnit.SECONDS.toNanos(8)) {
                    break;
                }
                lastProcessed = processed;
            }
        }
    }

    private String scrape() {
        try {
            return new PrometheusScrape(metricsPort).fetch();
        } catch (Exception e) {
            out.println(
                    "  (could not read http://localhost:"
                            + metricsPort
                            + "/: "
                            + e.getMessage()
                            + ")");
            return "";
        }
    }

    /**
     * The generator's events the job has taken in: {@code events_in} of every operator but the
     * job's side inputs (Prometheus label values have every character but letters, digits, {@code
     * :} and {@code _} replaced by {@code _}).
     */
    static double eventsIn(String metrics, DemoJob job) {
        Set<String> side = new java.util.HashSet<>();
        for (String name : job.sideInputOperators()) {
            side.add(name.replaceAll("[^a-zA-Z0-9:_]", "_"));
        }
        double total = 0;
        for (Map.Entry<String, Double> e :
                PrometheusScrape.sumBy(metrics, EVENTS_IN, "operator_name").entrySet()) {
            if (!side.contains(e.getKey())) {
                total += e.getValue();
            }
        }
        return total;
    }

    private void summary(
            DemoJob job,
            DemoJob.Board board,
            Connection db,
            String metrics,
            DemoJob.Generator generator,
            double seconds,
            boolean kafkaGoesAway)
            throws Exception {
        double eventsIn = eventsIn(metrics, job);
        Map<String, Long> dead = BoardSql.deadLettersByReason(db, job.name(), startedAt);
        double late =
                PrometheusScrape.sumBy(metrics, LATE_EVENTS, null).values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum();
        out.println();
        out.println("Summary of " + job.name() + " after " + fmt(seconds) + " s:");
        line(
                "events sent by the generator",
                String.format(
                        Locale.ROOT,
                        "%,d %s in %,d records",
                        generator.publisher().eventsSent(),
                        job.events(),
                        generator.publisher().recordsSent()));
        line(
                "events processed by the job",
                String.format(
                        Locale.ROOT,
                        "%,.0f (%,.0f events/s)",
                        eventsIn,
                        eventsIn / Math.max(seconds, 1e-3)));
        long backlog =
                generator.publisher().recordsSent()
                        - generator.publisher().malformedSent()
                        - Math.round(eventsIn);
        if (backlog > 0) {
            line(
                    "not yet processed",
                    String.format(
                            Locale.ROOT,
                            kafkaGoesAway
                                    ? "%,d (lost: the in-process Kafka stops with the demo)"
                                    : "%,d (still in Kafka; the savepoint holds the job's offsets)",
                            backlog));
        }
        for (Map.Entry<String, String> e : board.summary(metrics).entrySet()) {
            line(e.getKey(), e.getValue());
        }
        line("dead-lettered by reason", BoardSql.format(dead));
        line("late events", String.format(Locale.ROOT, "%,.0f", late));
    }

    private void line(String label, String value) {
        out.printf(Locale.ROOT, "  %-29s : %s%n", label, value);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
