package dev.streamwall.embedded;

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
                        EmbeddedKafka.class, key -> EmbeddedKafka.start(), EmbeddedKafka.class);
    }

    static EmbeddedPostgres sharedPostgres(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        EmbeddedPostgres.class,
                        key -> EmbeddedPostgres.start(),
                        EmbeddedPostgres.class);
    }
}
