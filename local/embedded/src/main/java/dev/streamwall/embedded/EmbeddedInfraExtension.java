package dev.streamwall.embedded;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests one Kafka broker and one PostgreSQL server per test run:
 * declare a parameter of type {@link EmbeddedInfra}, {@link EmbeddedKafka} or {@link
 * EmbeddedPostgres} (test, lifecycle method or constructor). Each server starts on first use and is
 * closed when the run ends (it lives in the root context's store).
 */
public final class EmbeddedInfraExtension implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(EmbeddedInfraExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedInfra.class
                || type == EmbeddedKafka.class
                || type == EmbeddedPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == EmbeddedInfra.class) {
            return new EmbeddedInfra(context);
        }
        if (type == EmbeddedKafka.class) {
            return sharedKafka(context);
        }
        if (type == EmbeddedPostgres.class) {
            return sharedPostgres(context);
        }
        throw new ParameterResolutionException("Cannot resolve " + type);
    }

    static EmbeddedKafka sharedKafka(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        EmbeddedKafka.class,
                        key -> EmbeddedKafka.builder().scramListener().start(),
                        EmbeddedKafka.class);
    }

    static EmbeddedPostgres sharedPostgres(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        EmbeddedPostgres.class,
                        key -> EmbeddedPostgres.start(),
                        EmbeddedPostgres.class);
    }

    /**
     * The TimescaleDB server of {@link TimescaleServer#URL_VARIABLE}; without one the calling test
     * is skipped, saying why, except on CI ({@code CI=true}), where it fails.
     */
    @SuppressWarnings("unchecked")
    static TimescaleServer sharedTimescale(ExtensionContext context) {
        Optional<TimescaleServer> server =
                context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(
                                TimescaleServer.class,
                                key -> {
                                    Optional<TimescaleServer> found =
                                            TimescaleServer.fromEnvironment();
                                    found.ifPresent(
                                            s ->
                                                    System.out.println(
                                                            "TimescaleDB tests on "
                                                                    + s
                                                                    + ", migrations as a"
                                                                    + " non-superuser owner role"));
                                    return found;
                                },
                                Optional.class);
        if (server.isPresent()) {
            return server.get();
        }
        String why =
                TimescaleServer.URL_VARIABLE
                        + " is not set: no TimescaleDB server to test against (bash .ci/run starts"
                        + " one from shared/timescaledb; or point it at a superuser of your own)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI requires the TimescaleDB tests, but " + why);
        }
        Assumptions.abort("TimescaleDB tests skipped: " + why);
        throw new AssertionError("unreachable");
    }
}
