package dev.streamwall.runner;

import dev.streamwall.common.options.DurationConverter;
import dev.streamwall.common.options.JdbcOptions;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every {@code streamwall demo JOB} takes (a picocli mixin). */
public class DemoOptions {

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description =
                    "Stop after this long (for example 90s); default: when the simulation is over, or Ctrl-C.")
    public Duration duration;

    @Option(
            names = "--speed",
            defaultValue = "1",
            paramLabel = "N",
            description =
                    "Simulated time runs N times faster than real time; 0: as fast as possible (default: ${DEFAULT-VALUE}).")
    public double speed;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            description = "Use this Kafka instead of starting one in-process.")
    public String kafka;

    /** TLS/SASL settings of the Kafka given with {@code --kafka}. */
    @picocli.CommandLine.Mixin
    public dev.streamwall.common.options.KafkaClientOptions kafkaClient =
            new dev.streamwall.common.options.KafkaClientOptions();

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description =
                    "Use this PostgreSQL/TimescaleDB instead of starting one in-process (password from $"
                            + JdbcOptions.PASSWORD_ENV
                            + ").")
    public String jdbcUrl;

    @Option(
            names = "--jdbc-user",
            defaultValue = "streamwall",
            paramLabel = "USER",
            description = "User for --jdbc-url (default: ${DEFAULT-VALUE}).")
    public String jdbcUser;

    @Option(
            names = "--metrics-port",
            defaultValue = "9249",
            description = "Port of Flink's Prometheus reporter (default: ${DEFAULT-VALUE}).")
    public int metricsPort;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    public int parallelism;

    @Option(
            names = "--state-backend",
            defaultValue = "hashmap",
            paramLabel = "BACKEND",
            description =
                    "hashmap (default: state on the heap, fastest in one JVM) or rocksdb (as"
                            + " flink-conf/config.yaml ships it for clusters).")
    public String stateBackend;

    @Option(
            names = "--no-board",
            description = "Print a progress line every few seconds instead of redrawing the board.")
    public boolean noBoard;

    @Option(
            names = "--work-dir",
            defaultValue = ".streamwall",
            paramLabel = "DIR",
            description = "Checkpoints, savepoints and embedded data (default: ${DEFAULT-VALUE}).")
    public Path workDir;
}
