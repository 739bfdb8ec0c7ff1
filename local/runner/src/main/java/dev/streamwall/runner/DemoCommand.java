package dev.streamwall.runner;

import dev.streamwall.common.options.DurationConverter;
import dev.streamwall.common.options.JdbcOptions;
import dev.streamwall.embedded.EmbeddedKafka;
import dev.streamwall.embedded.EmbeddedPostgres;
import dev.streamwall.generators.F1RacePublisher;
import dev.streamwall.generators.RaceOptions;
import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.pitwall.PitwallJob;
import dev.streamwall.pitwall.PitwallOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code streamwall demo}: starts Kafka and PostgreSQL in-process (or uses the given ones), runs
 * the race generator into Kafka and the pitwall job on a local Flink MiniCluster, draws the
 * pit-wall board once a second, and ends with a summary.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Run a job end to end on this machine: generator → Kafka → Flink → PostgreSQL, with a live board.")
public final class DemoCommand implements java.util.concurrent.Callable<Integer> {

    @Parameters(
            index = "0",
            defaultValue = "pitwall",
            paramLabel = "JOB",
            description =
                    "The job to run: pitwall (default). cityflow and factory are not built yet.")
    String job;

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description =
                    "Stop after this long (for example 90s); default: when the race is over, or Ctrl-C.")
    Duration duration;

    @Option(
            names = "--speed",
            defaultValue = "1",
            paramLabel = "N",
            description =
                    "Simulated race time runs N times faster than real time (default: ${DEFAULT-VALUE}).")
    double speed;

    @Mixin RaceOptions raceOptions = new RaceOptions("now");

    @Spec CommandSpec spec;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            description = "Use this Kafka instead of starting one in-process.")
    String kafka;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description =
                    "Use this PostgreSQL/TimescaleDB instead of starting one in-process (password from $"
                            + JdbcOptions.PASSWORD_ENV
                            + ").")
    String jdbcUrl;

    @Option(
            names = "--jdbc-user",
            defaultValue = "streamwall",
            paramLabel = "USER",
            description = "User for --jdbc-url (default: ${DEFAULT-VALUE}).")
    String jdbcUser;

    @Option(
            names = "--metrics-port",
            defaultValue = "9249",
            description = "Port of Flink's Prometheus reporter (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(
            names = "--telemetry-decimation",
            defaultValue = "1",
            paramLabel = "N",
            description = "Store every N-th telemetry sample (default: ${DEFAULT-VALUE}, all).")
    int telemetryDecimation;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--no-board",
            description = "Print a progress line every few seconds instead of redrawing the board.")
    boolean noBoard;

    @Option(
            names = "--work-dir",
            defaultValue = ".streamwall",
            paramLabel = "DIR",
            description = "Checkpoints, savepoints and embedded data (default: ${DEFAULT-VALUE}).")
    Path workDir;

    private final PrintStream out = System.out;
    private final java.time.Instant startedAt = java.time.Instant.now();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (!job.equals("pitwall")) {
            System.err.println(
                    "streamwall demo: job '"
                            + job
                            + "' is not built yet; the available job is: pitwall");
            return 2;
        }
        if (speed < 0) {
            System.err.println(
                    "streamwall demo: --speed must be 0 (as fast as possible) or positive, got "
                            + speed);
            return 2;
        }
        Files.createDirectories(workDir);
        // Ctrl-C and TERM stop the race, the job (with a savepoint) and the embedded servers in
        // order. Left to the JVM, a signal would run every library's shutdown hook at once and the
        // MiniCluster would be torn down under the running job. A second Ctrl-C exits at once.
        SignalHandler graceful =
                signal -> {
                    if (stopRequested.getCount() == 0) {
                        System.exit(130);
                    }
                    out.println();
                    out.println("Stopping: race, job (savepoint), then the embedded servers ...");
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
            return run();
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // Ctrl-C: the JVM is already running the hook, which has just been released.
            }
        }
    }

    private int run() throws Exception {
        RaceConfig race = raceOptions.toConfig(spec.commandLine());
        String raceId = race.raceId();
        out.println(
                "streamwall demo: pitwall, race "
                        + raceId
                        + " ("
                        + race.cars()
                        + " cars, "
                        + race.laps()
                        + " laps, "
                        + race.sampleHz()
                        + " Hz, speed x"
                        + fmt(speed)
                        + ")");

        EmbeddedKafka embeddedKafka = null;
        EmbeddedPostgres embeddedPostgres = null;
        try {
            String bootstrap = kafka;
            if (bootstrap == null) {
                out.print("  starting Kafka (in-process KRaft broker) ... ");
                embeddedKafka =
                        quietly(
                                () ->
                                        EmbeddedKafka.builder()
                                                .preferredPort(EmbeddedKafka.DEMO_PORT)
                                                .start());
                bootstrap = embeddedKafka.bootstrapServers();
                out.println(bootstrap);
            }
            String url = jdbcUrl;
            String user = jdbcUser;
            String password = System.getenv().getOrDefault(JdbcOptions.PASSWORD_ENV, "");
            String psql = null;
            if (url == null) {
                out.print("  starting PostgreSQL (embedded) ... ");
                embeddedPostgres =
                        EmbeddedPostgres.builder()
                                .preferredPort(EmbeddedPostgres.DEMO_PORT)
                                .start();
                url = embeddedPostgres.createDatabase("streamwall");
                user = embeddedPostgres.user();
                password = embeddedPostgres.password();
                psql = embeddedPostgres.psqlCommand("streamwall");
                out.println("port " + embeddedPostgres.port());
            }
            createTopics(bootstrap);

            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "--kafka",
                                    bootstrap,
                                    "--jdbc-url",
                                    url,
                                    "--jdbc-user",
                                    user,
                                    "--start-from",
                                    "EARLIEST",
                                    "--group-id",
                                    "streamwall-demo-" + raceId,
                                    "--telemetry-decimation",
                                    Integer.toString(telemetryDecimation),
                                    "--parallelism",
                                    Integer.toString(parallelism)));
            PitwallOptions options = PitwallJob.parse(args.toArray(String[]::new));
            PitwallJob.prepare(options);
            out.println("  database migrated: " + url);
            if (psql != null) {
                out.println("  connect with: " + psql + "   (password: " + password + ")");
            }

            StreamExecutionEnvironment env =
                    LocalFlink.environment(
                            LocalFlink.configuration(
                                    parallelism,
                                    metricsPort,
                                    workDir.toAbsolutePath().resolve("checkpoints")));
            PitwallJob.build(env, options);
            JobClient client = env.executeAsync(options.jobName);
            out.println(
                    "  Flink job "
                            + client.getJobID()
                            + " running on a local MiniCluster (parallelism "
                            + parallelism
                            + ")");
            out.println("  Prometheus metrics: http://localhost:" + metricsPort + "/");

            F1RacePublisher publisher =
                    new F1RacePublisher(bootstrap, "f1.telemetry", "f1.labels", race, speed);
            publisher.start();
            long began = System.nanoTime();
            try (PitBoard board =
                    new PitBoard(
                            url,
                            user,
                            password,
                            raceId,
                            race.entries().stream().map(e -> e.car()).toList())) {
                boolean tty = System.console() != null && !noBoard;
                long deadline = duration == null ? Long.MAX_VALUE : began + duration.toNanos();
                long finishedAt = 0;
                LatencyLog latency = new LatencyLog();
                double lastProcessed = -1;
                while (System.nanoTime() < deadline && !stopRequested.await(1, TimeUnit.SECONDS)) {
                    PitBoard.Snapshot snap;
                    try {
                        snap = board.read();
                    } catch (java.sql.SQLException e) {
                        out.println("  (board: cannot read the database: " + e.getMessage() + ")");
                        continue;
                    }
                    double elapsed = (System.nanoTime() - began) / 1e9;
                    String header =
                            String.format(
                                    Locale.ROOT,
                                    "STREAMWALL PIT WALL  %s  sent %,d (%,.0f/s)",
                                    raceId,
                                    publisher.eventsSent(),
                                    publisher.eventsSent() / Math.max(elapsed, 1e-3));
                    if (tty) {
                        List<String> lines =
                                new ArrayList<>(PitBoard.render(snap, header, terminalWidth()));
                        lines.add("");
                        lines.add(
                                "DB: "
                                        + url
                                        + (psql == null ? "" : "   psql: " + psql)
                                        + "   metrics: http://localhost:"
                                        + metricsPort
                                        + "/");
                        lines.add(
                                "Ctrl-C stops cleanly"
                                        + (duration == null
                                                ? ""
                                                : "; stops by itself after "
                                                        + duration.toSeconds()
                                                        + " s"));
                        PitBoard.draw(out, lines);
                    } else if (((long) elapsed) % 5 == 0) {
                        out.println(
                                header
                                        + "   leader lap "
                                        + publisher.leaderLap()
                                        + "   open alerts "
                                        + snap.alerts().size());
                    }
                    String metricsNow = scrape();
                    latency.record(metricsNow);
                    if (publisher.isFinished()) {
                        // The race is over: let the job work off what is still in Kafka, then let
                        // the last laps' calls through the event-time buffers before stopping.
                        long valid = publisher.recordsSent() - publisher.malformedSent();
                        double processed =
                                PrometheusScrape.total(
                                        metricsNow,
                                        "flink_taskmanager_job_task_operator_events_in");
                        if (processed < valid && processed > lastProcessed) {
                            // Still catching up (a restarted job counts from its checkpoint, so
                            // waiting stops as soon as the count no longer grows).
                            finishedAt = 0;
                        } else if (finishedAt == 0) {
                            finishedAt = System.nanoTime();
                        } else if (System.nanoTime() - finishedAt > TimeUnit.SECONDS.toNanos(8)) {
                            break;
                        }
                        lastProcessed = processed;
                    }
                }
                publisher.stop();
                String metrics = scrape();
                latency.record(metrics);
                double seconds = (System.nanoTime() - began) / 1e9;
                stop(client);
                summary(board, metrics, latency, publisher, seconds, raceId);
            }
            return 0;
        } finally {
            if (embeddedKafka != null) {
                embeddedKafka.close();
            }
            if (embeddedPostgres != null) {
                out.println(
                        "  (the embedded database is deleted on exit; use --jdbc-url to keep results)");
                embeddedPostgres.close();
            }
        }
    }

    /** Kafka's storage formatter prints to stdout; keep the terminal for the user. */
    private static <T> T quietly(java.util.concurrent.Callable<T> start) throws Exception {
        PrintStream original = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return start.call();
        } finally {
            System.setOut(original);
        }
    }

    private void createTopics(String bootstrap) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            for (var t :
                    List.of(
                            "f1.telemetry",
                            "f1.labels",
                            "f1.laps",
                            "f1.decisions",
                            "f1.alerts",
                            "f1.dead-letters",
                            "f1.telemetry.late")) {
                if (!existing.contains(t)) {
                    topics.add(new NewTopic(t, t.equals("f1.telemetry") ? 4 : 2, (short) 1));
                }
            }
            if (!topics.isEmpty()) {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
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

    private void stop(JobClient client) {
        try {
            String savepoint =
                    client.stopWithSavepoint(
                                    false,
                                    workDir.toAbsolutePath()
                                            .resolve("savepoints")
                                            .toUri()
                                            .toString(),
                                    SavepointFormatType.CANONICAL)
                            .get(60, TimeUnit.SECONDS);
            out.println();
            out.println("Job stopped with a savepoint: " + savepoint);
        } catch (Exception e) {
            out.println("Job cancelled (" + e.getMessage() + ")");
            try {
                client.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // already gone
            }
        }
    }

    private void summary(
            PitBoard board,
            String metrics,
            LatencyLog latencyLog,
            F1RacePublisher publisher,
            double seconds,
            String raceId)
            throws Exception {
        double eventsIn =
                PrometheusScrape.total(metrics, "flink_taskmanager_job_task_operator_events_in");
        Map<String, Long> laps =
                board.countBy("SELECT 'laps', count(*) FROM laps WHERE race_id = ?");
        Map<String, Long> calls =
                board.countBy(
                        "SELECT call, count(*) FROM strategy_decisions WHERE race_id = ? GROUP BY call ORDER BY call");
        Map<String, Long> alerts =
                board.countBy(
                        "SELECT type, count(*) FROM alerts WHERE race_id = ? GROUP BY type ORDER BY type");
        Map<String, Long> dead = board.deadLettersByReason(PitwallJob.JOB, startedAt);

        Map<String, Double> late =
                PrometheusScrape.sumBy(
                        metrics, "flink_taskmanager_job_task_operator_late_events", null);
        out.println();
        out.println("Summary of " + raceId + " after " + fmt(seconds) + " s:");
        out.printf(
                Locale.ROOT,
                "  events sent by the generator : %,d samples in %,d records%n",
                publisher.eventsSent(),
                publisher.recordsSent());
        out.printf(
                Locale.ROOT,
                "  events processed by the job  : %,.0f (%,.0f events/s)%n",
                eventsIn,
                eventsIn / Math.max(seconds, 1e-3));
        out.printf(
                Locale.ROOT,
                "  laps                          : %,d%n",
                laps.getOrDefault("laps", 0L));
        long backlog = publisher.recordsSent() - publisher.malformedSent() - Math.round(eventsIn);
        if (backlog > 0) {
            out.printf(
                    Locale.ROOT,
                    "  not yet processed             : %,d (kept in Kafka; the savepoint resumes there)%n",
                    backlog);
        }
        out.println("  strategy calls by type        : " + fmtCounts(calls));
        out.println("  alerts by type                : " + fmtCounts(alerts));
        out.println("  dead-lettered by reason       : " + fmtCounts(dead));
        out.printf(
                Locale.ROOT,
                "  late events                   : %,.0f%n",
                late.values().stream().mapToDouble(Double::doubleValue).sum());
        if (latencyLog.intervals() > 0) {
            out.printf(
                    Locale.ROOT,
                    "  event-to-decision latency     : p50 %.0f ms (median over %d s with calls),"
                            + " p99 up to %.0f ms%n",
                    latencyLog.medianP50(),
                    latencyLog.intervals(),
                    latencyLog.maxP99());
        }
    }

    private static String fmtCounts(Map<String, Long> counts) {
        return counts.isEmpty()
                ? "none"
                : counts.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static int terminalWidth() {
        String cols = System.getenv("COLUMNS");
        try {
            return cols == null ? 160 : Math.max(80, Integer.parseInt(cols.trim()));
        } catch (NumberFormatException e) {
            return 160;
        }
    }
}
