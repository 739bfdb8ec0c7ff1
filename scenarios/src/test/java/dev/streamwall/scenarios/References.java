package dev.streamwall.scenarios;

import dev.streamwall.embedded.JobStack;
import java.util.HashMap;
import java.util.Map;

/** Reference runs made once per test class and shared by its tests. */
final class References {

    /** Makes a clean reference run. */
    @FunctionalInterface
    interface Run<S> {
        S run() throws Exception;
    }

    private static final Map<Class<?>, JobStack<?>> RUNS = new HashMap<>();

    private References() {}

    /** The reference run of {@code testClass}, made by {@code run} the first time. */
    @SuppressWarnings("unchecked")
    static <S extends JobStack<?>> S of(Class<?> testClass, Run<S> run) throws Exception {
        synchronized (RUNS) {
            S reference = (S) RUNS.get(testClass);
            if (reference == null) {
                reference = run.run();
                RUNS.put(testClass, reference);
            }
            return reference;
        }
    }
}
