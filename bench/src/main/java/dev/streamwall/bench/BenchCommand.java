package dev.streamwall.bench;

import dev.streamwall.generators.f1.RaceConfig;
import dev.streamwall.generators.f1.RaceSimulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streamwall bench}: throughput of each job's generator and graph, in this process. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measures events per second and events per CPU-second (all threads of this process) of"
                    + " each job's generator alone and of its job graph in-process, from the"
                    + " generator to discarding sinks, with heap and RocksDB state, with the"
                    + " generator's records as they are and through the JSON wire format; and rows/s"
                    + " of each table's PostgreSQL writer against COPY of the same rows. Prints a"
                    + " table, checks that every graph run produced the same outputs, and writes"
                    + " the results as JSON. Run nothing else meanwhile: the figures are this"
                    + " machine's."
        },
        footer = {
            "",
            "Examples:",
            "  bench                        every job, full size (minutes)",
            "  bench pitwall --quick        a smoke run (seconds): checks that it runs, not speed",
            "  bench pitwall --compare bench/results/pitwall-20261202-212000.json"
        })
public final class BenchCommand implements Callable<Integer> {

    /** Unrecorded runs of the first graph variant before the recorded ones. */
    static final int WARM_UP_RUNS = 2;

    /**
     * Recorded runs of each graph variant in a full bench, of which the median is kept: one run of
     * 8 laps moves by ±15 % from one to the next on this machine.
     */
    static final int GRAPH_REPEATS = 3;

    @Spec CommandSpec spec;

    @Parameters(
            arity = "0..*",
            paramLabel = "JOB",
            description = "pitwall, factory, cityflow (default: every job)")
    List<String> jobs = new ArrayList<>();

    @Option(names = "--quick", description = "A tiny input: checks that every leg runs.")
    boolean quick;

    @Option(
            names = "--laps",
            paramLabel = "N",
            defaultValue = "8",
            description =
                    "pitwall race distance of a full run, 20 cars at 100 Hz (default: ${DEFAULT-VALUE}).")
    int laps;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Parallelism of the job graphs (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--variants",
            paramLabel = "LIST",
            split = ",",
            description =
                    "Graph runs to make, of heap/objects, heap/wire, rocksdb/objects,"
                            + " rocksdb/wire (default: all).")
    List<String> variants = new ArrayList<>();

    @Option(names = "--no-generator", description = "Skip the generator-alone runs.")
    boolean noGenerator;

    @Option(
            names = "--no-graph",
            description =
                    "Skip the graph runs (and their warm-up); with --vs-spark, the throughput"
                            + " leg.")
    boolean noGraph;

    @Option(
            names = "--provisional-laps",
            description =
                    "pitwall's graph runs with provisional laps on (the job's"
                            + " --provisional-laps-topic), labelled '+provisional laps': what they"
                            + " cost.")
    boolean provisionalLaps;

    @Option(
            names = "--latency-rates",
            paramLabel = "LIST",
            split = ",",
            defaultValue = "20000",
            description =
                    "Input rates of pitwall's paced latency runs, samples/s (2,000 is real time"
                            + " for 20 cars at 100 Hz; default: ${DEFAULT-VALUE}, 10x).")
    List<Integer> latencyRates;

    @Option(
            names = "--latency-laps",
            paramLabel = "N",
            defaultValue = "3",
            description =
                    "Race distance of pitwall's paced latency runs (default: ${DEFAULT-VALUE}; a"
                            + " lap is about 90 s of race at real time).")
    int latencyLaps;

    @Option(names = "--no-latency", description = "Skip the paced decision-latency runs.")
    boolean noLatency;

    @Option(
            names = "--no-sinks",
            description = "Skip the sink leg (each table's writer against COPY into PostgreSQL).")
    boolean noSinks;

    @Option(
            names = "--no-e2e",
            description =
                    "Skip pitwall's Kafka leg (the generator against Kafka's producer perf tool) and"
                            + " end-to-end run (Kafka → job → PostgreSQL).")
    boolean noE2e;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description =
                    "The sink leg's database (migrated, and each table emptied): default an"
                            + " embedded PostgreSQL started for the run.")
    String jdbcUrl;

    @Option(
            names = "--jdbc-user",
            paramLabel = "USER",
            defaultValue = "streamwall",
            description = "User for --jdbc-url (default: ${DEFAULT-VALUE}).")
    String jdbcUser;

    @Option(
            names = "--jdbc-password-env",
            paramLabel = "VAR",
            defaultValue = "STREAMWALL_JDBC_PASSWORD",
            description =
                    "Environment variable holding the password for --jdbc-url (default:"
                            + " ${DEFAULT-VALUE}).")
    String jdbcPasswordEnv;

    @Option(
            names = "--sink-rows",
            paramLabel = "N",
            description = "Rows per table in the sink leg (default: 100,000; 500 with --quick).")
    Integer sinkRows;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "bench/results",
            description = "Where the JSON results go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-save", description = "Print only; write no JSON file.")
    boolean noSave;

    @Option(
            names = "--compare",
            paramLabel = "FILE",
            description = "An earlier results file: print this run's throughput as ratios of it.")
    Path compare;

    @Option(
            names = "--vs-spark",
            description =
                    "Only the Flink-Spark comparison: pitwall's per-car lap analytics on Flink and"
                            + " on Spark Structured Streaming, each in a JVM of its own, reading"
                            + " the same race from Kafka (throughput, then latency at"
                            + " --latency-rates).")
    boolean vsSpark;

    @Option(
            names = "--vs-spark-watermarks",
            paramLabel = "LIST",
            split = ",",
            defaultValue = "2s/200ms",
            description =
                    "The latency leg of --vs-spark once per watermarking,"
                            + " OUT_OF_ORDERNESS/INTERVAL[/IDLENESS] (Flink's --idleness, default 5s)"
                            + " (default: ${DEFAULT-VALUE}, the jobs' own; e.g."
                            + " 2s/200ms,250ms/25ms/500ms).")
    List<String> vsSparkWatermarks;

    @Option(
            names = "--vs-spark-engines",
            paramLabel = "LIST",
            split = ",",
            defaultValue = "flink,spark,pitwall",
            description =
                    "The engines of --vs-spark's latency leg: flink (the lap stages), spark, pitwall"
                            + " (the whole job: laps, provisional laps and calls) (default:"
                            + " ${DEFAULT-VALUE}).")
    List<String> vsSparkEngines;

    @Option(
            names = "--spark-classpath",
            paramLabel = "FILE",
            description =
                    "The Spark side's classpath file (default: bench/spark/target/spark-classpath.txt,"
                            + " written when bench/spark is packaged).")
    Path sparkClasspath;

    static final Map<String, JobBench> JOBS = new LinkedHashMap<>();

    static {
        JOBS.put("pitwall", new PitwallBench());
        JOBS.put("factory", new FactoryBench());
        JOBS.put("cityflow", new CityflowBench());
    }

    /** Runs the bench on its own (the module's classpath), as {@code streamwall bench} does. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try {
            return run();
        } finally {
            SessionCluster.close();
        }
    }

    private Integer run() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        List<JobBench> selected = selectedJobs();
        List<GraphRun.Variant> graphRuns = selectedVariants();
        for (int rate : latencyRates) {
            if (rate <= 0) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--latency-rates: each rate is a positive number of samples per second,"
                                + " got "
                                + rate);
            }
        }
        if (latencyLaps < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--latency-laps: at least 1, got " + latencyLaps);
        }
        JobBench.Size size =
                new JobBench.Size(quick, laps, latencyRates, latencyLaps, provisionalLaps);
        if (compare != null && !compare.toFile().isFile()) {
            throw new ParameterException(
                    spec.commandLine(), "--compare: no file " + compare + " (see bench/results/)");
        }
        List<Measurement> measurements = new ArrayList<>();
        if (vsSpark) {
            vsSpark(stdout, size, measurements);
            return report(stdout, measurements);
        }
        SinkLeg sinks = null;
        EndToEnd e2e = null;
        try {
            for (JobBench job : selected) {
                if (!noSinks && sinks == null) {
                    sinks = openSinks(stdout);
                }
                runJob(stdout, job, size, graphRuns, sinks, measurements);
                if (!noE2e && sinks != null && job instanceof PitwallBench) {
                    if (e2e == null) {
                        e2e = EndToEnd.start();
                        stdout.println("kafka and end to end: " + e2e.where());
                    }
                    for (Measurement m :
                            e2e.pitwall(
                                    PitwallBench.race(size),
                                    sinks,
                                    parallelism,
                                    "pitwall",
                                    quick)) {
                        measurements.add(Progress.of(stdout, m));
                    }
                }
            }
        } finally {
            if (e2e != null) {
                e2e.close();
            }
            if (sinks != null) {
                sinks.close();
            }
        }
        return report(stdout, measurements);
    }

    private int report(PrintWriter stdout, List<Measurement> measurements) throws Exception {
        BenchReport report = BenchReport.of(quick, parallelism, measurements);
        stdout.println();
        report.print(stdout);
        report.printOutputCheck(stdout);
        if (compare != null) {
            report.printComparison(compare, stdout);
        }
        if (!noSave) {
            stdout.println("results: " + report.save(out));
        }
        stdout.flush();
        return 0;
    }

    private void vsSpark(PrintWriter stdout, JobBench.Size size, List<Measurement> measurements)
            throws Exception {
        List<Watermarking> watermarkings = new ArrayList<>();
        for (String w : vsSparkWatermarks) {
            try {
                watermarkings.add(Watermarking.parse(w));
            } catch (RuntimeException e) {
                throw new ParameterException(
                        spec.commandLine(), "--vs-spark-watermarks: " + e.getMessage());
            }
        }
        for (String engine : vsSparkEngines) {
            if (!VsSpark.ENGINES.contains(engine)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--vs-spark-engines: no engine "
                                + engine
                                + "; the engines are "
                                + String.join(", ", VsSpark.ENGINES));
            }
        }
        Path classpath = sparkClasspath != null ? sparkClasspath : VsSpark.defaultSparkClasspath();
        if (!classpath.toFile().isFile()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--vs-spark: no "
                            + classpath
                            + ": build the Spark side first (./streamwall bench --vs-spark does; or"
                            + " mvn -B -q install -DskipTests -pl bench/spark -am), or name it"
                            + " with --spark-classpath");
        }
        RaceConfig race = PitwallBench.race(size);
        stdout.printf(
                Locale.ROOT,
                "pitwall laps, Flink against Spark: %,d samples, parallelism %d%n",
                RaceSimulator.countEvents(race),
                parallelism);
        try (VsSpark vs = VsSpark.start(classpath, parallelism, stdout)) {
            if (!noGraph) {
                for (Measurement m : vs.throughput(race, quick)) {
                    measurements.add(Progress.of(stdout, m));
                }
            }
            if (noLatency) {
                return;
            }
            RaceConfig paced =
                    quick
                            ? RaceConfig.builder().laps(1).sampleHz(20).build()
                            : RaceConfig.builder().laps(size.latencyLaps()).build();
            for (Watermarking watermarking : watermarkings) {
                for (int rate : quick ? List.of(8_000) : size.latencyRates()) {
                    // Each engine first reads a race of its own as fast as it can: the JIT's
                    // warm-up.
                    for (Measurement m :
                            vs.latency(paced, rate, race, watermarking, vsSparkEngines)) {
                        measurements.add(Progress.of(stdout, m));
                    }
                }
            }
        }
    }

    private void runJob(
            PrintWriter stdout,
            JobBench job,
            JobBench.Size size,
            List<GraphRun.Variant> graphRuns,
            SinkLeg sinks,
            List<Measurement> measurements)
            throws Exception {
        stdout.println(job.name() + ": " + job.input(size));
        if (!quick && !noGraph) {
            // The first runs of a graph pay for class loading and JIT compilation: two full runs
            // of the first variant, not recorded, so that every recorded run is warm (after one,
            // cityflow's first recorded run still came 20-40 % below the next ones).
            stdout.println("  warming up...");
            stdout.flush();
            for (int i = 0; i < WARM_UP_RUNS; i++) {
                job.graph(size, graphRuns.get(0), parallelism);
            }
        }
        if (!noGenerator) {
            for (Measurement m : job.generator(size)) {
                measurements.add(Progress.of(stdout, m));
            }
        }
        for (GraphRun.Variant v : noGraph ? List.<GraphRun.Variant>of() : graphRuns) {
            List<Measurement> runs = new ArrayList<>();
            for (int i = 0; i < (quick ? 1 : GRAPH_REPEATS); i++) {
                runs.add(job.graph(size, v, parallelism));
            }
            measurements.addAll(Progress.median(stdout, runs));
        }
        if (!noGraph) {
            for (Measurement m : job.plainLoop(size)) {
                measurements.add(Progress.of(stdout, m));
            }
        }
        if (!noLatency) {
            for (Measurement m : job.latency(size, parallelism)) {
                measurements.add(Progress.of(stdout, m));
            }
        }
        if (sinks != null) {
            int rows = sinkRows != null ? sinkRows : quick ? 500 : 100_000;
            for (Measurement m : sinks.run(job.name(), job.sinkRows(size, rows), rows, stdout)) {
                measurements.add(Progress.of(stdout, m));
            }
        }
    }

    private SinkLeg openSinks(PrintWriter stdout) {
        String password = jdbcUrl == null ? null : System.getenv(jdbcPasswordEnv);
        if (jdbcUrl != null && password == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--jdbc-url: set the password in $"
                            + jdbcPasswordEnv
                            + " (--jdbc-password-env)");
        }
        SinkLeg sinks = SinkLeg.open(jdbcUrl, jdbcUser, password).repeats(quick ? 1 : 3);
        stdout.println("sink leg: " + sinks.where());
        return sinks;
    }

    private List<JobBench> selectedJobs() {
        if (jobs.isEmpty()) {
            return List.copyOf(JOBS.values());
        }
        List<JobBench> selected = new ArrayList<>();
        for (String name : jobs) {
            JobBench job = JOBS.get(name.toLowerCase(Locale.ROOT));
            if (job == null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "No benchmark for job '" + name + "': use one of " + JOBS.keySet());
            }
            selected.add(job);
        }
        return selected;
    }

    private List<GraphRun.Variant> selectedVariants() {
        if (variants.isEmpty()) {
            return GraphRun.ALL;
        }
        List<GraphRun.Variant> selected = new ArrayList<>();
        for (String name : variants) {
            GraphRun.Variant v =
                    GraphRun.ALL.stream()
                            .filter(a -> a.label().equalsIgnoreCase(name.trim()))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new ParameterException(
                                                    spec.commandLine(),
                                                    "--variants: no variant '"
                                                            + name
                                                            + "': use heap/objects, heap/wire,"
                                                            + " rocksdb/objects or rocksdb/wire"));
            selected.add(v);
        }
        return selected;
    }
}
