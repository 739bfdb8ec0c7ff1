package dev.streamwall.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateSchemasTest {

    /** A POJO Flink can evolve. */
    public static class Evolvable {
        public long count;
        public List<Double> samples;
        public Map<String, Integer> byType;
    }

    /** Private state without accessors: Flink falls back to Kryo. */
    public static class Opaque {
        private final long count;

        public Opaque(long count) {
            this.count = count;
        }

        public long count() {
            return count;
        }
    }

    /** A POJO that hides a Kryo type in a field. */
    public static class Nested {
        public String name;
        public Opaque inner;
    }

    @Test
    void aPojoPassesAndAKryoTypeIsNamedWithItsPath() {
        assertThat(StateSchemas.problems(Evolvable.class)).isEmpty();
        assertThat(StateSchemas.problems(Opaque.class))
                .singleElement()
                .asString()
                .startsWith("Opaque (")
                .contains("Kryo");
        assertThat(StateSchemas.problems(Nested.class))
                .singleElement()
                .asString()
                .startsWith("Nested.inner (");
    }
}
