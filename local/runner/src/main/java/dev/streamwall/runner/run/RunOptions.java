package dev.streamwall.runner.run;

import dev.streamwall.common.options.JdbcOptions;
import dev.streamwall.common.options.KafkaClientOptions;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code streamwall run JOB} takes (a picocli mixin). */
public class RunOptions {

    @Option(
            names = "--file",
            required = true,
            paramLabel = "FILE",
            description = "The recording, a CSV file with a header row.")
    public Path file;

    @Option(
            names = "--speed",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Replay the recording N times faster than it was recorded; 0: as fast as"
                            + " possible (default: ${DEFAULT-VALUE}).")
    public double speed;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Also write every output table (and the dead letters) as CSV into DIR.")
    public Path out;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            description = "Use this Kafka instead of starting one in-process.")
    public String kafka;

    /** TLS/SASL settings of the Kafka given with {@code --kafka}. */
    @Mixin public KafkaClientOptions kafkaClient = new KafkaClientOptions();

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description =
                    "Write into this PostgreSQL/TimescaleDB, where the results stay, instead of a"
                            + " database started in-process and deleted on exit (password from $"
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
            names = "--keep",
            description =
                    "Keep the results in a PostgreSQL of this machine (in the work directory),"
                            + " database run_<job>_<file>, for `streamwall db` and psql afterwards;"
                            + " running the same file again replaces them.")
    public boolean keep;

    @Option(
            names = "--score-only",
            description =
                    "Run nothing: score again what an earlier run of this file wrote into --jdbc-url"
                            + " or kept (--keep), with other --labels, say. The file is read,"
                            + " nothing is sent.")
    public boolean scoreOnly;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    public int parallelism;

    @Option(
            names = "--work-dir",
            defaultValue = ".streamwall",
            paramLabel = "DIR",
            description = "Checkpoints and embedded data (default: ${DEFAULT-VALUE}).")
    public Path workDir;
}
