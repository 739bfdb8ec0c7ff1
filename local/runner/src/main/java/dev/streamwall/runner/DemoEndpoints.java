package dev.streamwall.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the demo's job and generator connect: Kafka, PostgreSQL and the job's parallelism.
 *
 * @param jdbcPassword the password the board uses
 * @param jdbcPasswordFile where the job reads the password (mode 600), or null: the job reads it
 *     from the environment
 * @param kafkaSettings client settings (TLS, SASL) for the generators and other clients here
 * @param kafkaArgs the same settings as the job takes them ({@code --kafka-properties}, ...)
 */
public record DemoEndpoints(
        String bootstrapServers,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        java.nio.file.Path jdbcPasswordFile,
        int parallelism,
        java.util.Map<String, String> kafkaSettings,
        List<String> kafkaArgs) {

    /**
     * The arguments every job takes for these endpoints (Kafka, JDBC, earliest offsets, a consumer
     * group, parallelism); the job adds its own.
     */
    public List<String> jobArgs(String groupId) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka",
                                bootstrapServers,
                                "--jdbc-url",
                                jdbcUrl,
                                "--jdbc-user",
                                jdbcUser,
                                "--start-from",
                                "EARLIEST",
                                "--group-id",
                                groupId,
                                "--parallelism",
                                Integer.toString(parallelism)));
        args.addAll(kafkaArgs);
        if (jdbcPasswordFile != null) {
            args.addAll(List.of("--jdbc-password-file", jdbcPasswordFile.toString()));
        }
        return args;
    }
}
