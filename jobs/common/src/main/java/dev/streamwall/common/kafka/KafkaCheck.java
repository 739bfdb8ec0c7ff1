package dev.streamwall.common.kafka;

import dev.streamwall.common.options.KafkaClient;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Reaches Kafka once, with the job's own client settings, before the job is submitted: wrong
 * servers, a wrong password or a missing truststore end the start in one line instead of a source
 * that restarts for ever.
 */
public final class KafkaCheck {

    private KafkaCheck() {}

    /** Kafka could not be reached or refused the client; the message is one line. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Asks the cluster for its brokers within {@code timeout}; returns how many answered.
     *
     * @throws Unreachable with what failed and which options to check
     */
    public static int connect(KafkaClient kafka, Duration timeout) {
        Properties p = kafka.properties();
        int ms = (int) timeout.toMillis();
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(ms));
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(ms));
        p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "streamwall-kafka-check");
        try (Admin admin = Admin.create(p)) {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms))
                    .nodes()
                    .get(ms + 1_000L, TimeUnit.MILLISECONDS)
                    .size();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause =
                    e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String message = String.valueOf(cause.getMessage());
            throw new Unreachable(
                    "cannot use Kafka at "
                            + kafka.bootstrapServers()
                            + ": "
                            + cause.getClass().getSimpleName()
                            + ": "
                            + message.lines().findFirst().orElse(message).trim()
                            + " (check --kafka and --kafka-properties/--kafka-property)",
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while reaching Kafka", e);
        }
    }
}
