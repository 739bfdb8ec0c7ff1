package dev.streamwall.embedded;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;

/** Turns the embedded broker's and PostgreSQL's INFO chatter down to WARN when Log4j 2 logs. */
final class QuietLogging {

    /** Set to {@code false} to keep the broker's and PostgreSQL's INFO logs. */
    static final String PROPERTY = "streamwall.embedded.quiet-logs";

    static final List<String> NOISY_LOGGERS =
            List.of(
                    "kafka",
                    "org.apache.kafka",
                    "state.change.logger",
                    "io.zonky.test.db.postgres");

    private static final String KAFKA_TEST_KIT_ARTIFACT = "kafka-test-common-runtime";

    private QuietLogging() {}

    /**
     * Sets each noisy logger to WARN unless the project's logging configuration names it or is
     * already quieter: a project's own log4j2 configuration always wins.
     */
    static synchronized void apply() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true")) || !log4jCorePresent()) {
            return;
        }
        Log4j.warnUnlessConfigured(NOISY_LOGGERS);
    }

    private static boolean log4jCorePresent() {
        try {
            Class.forName(
                    "org.apache.logging.log4j.core.LoggerContext",
                    false,
                    QuietLogging.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only when log4j-core is on the classpath (it is an optional dependency). */
    private static final class Log4j {

        static void warnUnlessConfigured(List<String> names) {
            // Under another SLF4J backend (logback, simple) the Log4j context is not the
            // one that logs.
            if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
                return;
            }
            Configuration configuration = context.getConfiguration();
            boolean kafkaDefaults = isKafkaTestKitConfiguration(configuration);
            for (String name : names) {
                LoggerConfig nearest = configuration.getLoggerConfig(name);
                boolean configuredByName = nearest.getName().equals(name) && !kafkaDefaults;
                if (configuredByName || nearest.getLevel().isMoreSpecificThan(Level.WARN)) {
                    continue;
                }
                Configurator.setLevel(name, Level.WARN);
            }
        }

        /**
         * kafka-test-common-runtime ships a {@code log4j2.yaml} (root and org.apache.kafka at INFO)
         * that Log4j picks when a project has no log4j2-test.* or log4j2.properties: not a choice
         * the project made.
         */
        private static boolean isKafkaTestKitConfiguration(Configuration configuration) {
            ConfigurationSource source = configuration.getConfigurationSource();
            if (source == null) {
                return false;
            }
            String location = source.getLocation() != null ? source.getLocation() : "";
            String uri = source.getURI() != null ? source.getURI().toString() : "";
            return (location + " " + uri).contains(KAFKA_TEST_KIT_ARTIFACT);
        }
    }
}
