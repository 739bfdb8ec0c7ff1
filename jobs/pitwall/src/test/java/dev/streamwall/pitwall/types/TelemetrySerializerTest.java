package dev.streamwall.pitwall.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.generators.f1.Telemetry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;
import org.junit.jupiter.api.Test;

/**
 * {@link TelemetrySerializer} against Flink's own serializer contract tests, and field by field
 * against the POJO serializer it replaces between operators.
 */
class TelemetrySerializerTest extends SerializerTestBase<Telemetry> {

    TelemetrySerializerTest() {
        // Telemetry has no equals(): samples are equal when every field is.
        super(
                new DeeplyEqualsChecker()
                        .withCustomCheck(
                                (a, b) -> a instanceof Telemetry && b instanceof Telemetry,
                                (a, b, checker) -> sameFields((Telemetry) a, (Telemetry) b)));
    }

    static boolean sameFields(Telemetry a, Telemetry b) {
        for (Field f : fields()) {
            try {
                if (!java.util.Objects.equals(f.get(a), f.get(b))) {
                    return false;
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return true;
    }

    @Override
    protected TypeSerializer<Telemetry> createSerializer() {
        return TelemetrySerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Telemetry> getTypeClass() {
        return Telemetry.class;
    }

    @Override
    protected Telemetry[] getTestData() {
        Telemetry empty = new Telemetry();
        Telemetry leader = distinct(1);
        leader.gapAhead = null;
        leader.raceId = "";
        Telemetry full = distinct(7);
        full.driver = "Pérez ✓";
        // Latin-1 beyond ASCII, and a char no encoding round-trips (an unpaired surrogate).
        Telemetry odd = distinct(12);
        odd.team = "Sauber–Ferrari ©";
        odd.trackStatus = "GREEN\uD800";
        odd.tyreCompound = "Ñ";
        return new Telemetry[] {empty, leader, full, odd, distinct(40)};
    }

    @Override
    protected void deepEquals(String message, Telemetry should, Telemetry is) {
        assertThat(is).as(message).usingRecursiveComparison().isEqualTo(should);
    }

    /** A sample whose every field holds a value no other field holds. */
    static Telemetry distinct(int seed) {
        Telemetry t = new Telemetry();
        int i = seed;
        for (Field f : fields()) {
            i++;
            try {
                Class<?> type = f.getType();
                if (type == String.class) {
                    f.set(t, f.getName() + i);
                } else if (type == long.class) {
                    f.setLong(t, 1_751_810_400_000L + i);
                } else if (type == int.class) {
                    f.setInt(t, i);
                } else if (type == double.class) {
                    f.setDouble(t, i + 0.25);
                } else if (type == Double.class) {
                    f.set(t, i + 0.5);
                } else if (type == boolean.class) {
                    f.setBoolean(t, i % 2 == 0);
                } else {
                    throw new AssertionError("no test value for " + f);
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return t;
    }

    private static Field[] fields() {
        return Arrays.stream(Telemetry.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .toArray(Field[]::new);
    }

    @Test
    void writesEveryFieldThePojoSerializerWrites() throws Exception {
        TypeSerializer<Telemetry> pojo =
                TypeInformation.of(Telemetry.class)
                        .createSerializer(
                                new org.apache.flink.api.common.serialization
                                        .SerializerConfigImpl());
        Telemetry t = distinct(3);
        DataOutputSerializer out = new DataOutputSerializer(512);
        TelemetrySerializer.INSTANCE.serialize(t, out);
        Telemetry back =
                TelemetrySerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back).usingRecursiveComparison().isEqualTo(pojo.copy(t));
        assertThat(back.receivedAt)
                .as("the latency metric reads it downstream")
                .isEqualTo(t.receivedAt);
        assertThat(TelemetrySerializer.FIELDS).hasSize(fields().length);
    }

    @Test
    void decodedTelemetryFromTheSourceUsesThisSerializer() throws Exception {
        TypeInformation<Decoded<Telemetry>> type =
                Decoded.withValueType(
                        new TypeHint<Decoded<Telemetry>>() {}.getTypeInfo(),
                        TelemetryType.INSTANCE);
        TypeSerializer<Decoded<Telemetry>> serializer =
                type.createSerializer(
                        new org.apache.flink.api.common.serialization.SerializerConfigImpl());
        var pojo = (org.apache.flink.api.java.typeutils.PojoTypeInfo<Decoded<Telemetry>>) type;
        assertThat(pojo.getTypeAt(pojo.getFieldIndex("value"))).isSameAs(TelemetryType.INSTANCE);
        assertThat(TelemetryType.INSTANCE.createSerializer(null))
                .isSameAs(TelemetrySerializer.INSTANCE);

        Decoded<Telemetry> sample = Decoded.of(distinct(5), 1_751_810_400_123L);
        sample.source = "f1-telemetry/1/42";
        Decoded<Telemetry> rejected =
                Decoded.rejected(
                        dev.streamwall.common.records.DeadLetter.of(
                                "pitwall",
                                "f1-telemetry",
                                1,
                                43L,
                                "BAD_JSON",
                                "not JSON",
                                null,
                                "x".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (Decoded<Telemetry> d : List.of(sample, rejected)) {
            DataOutputSerializer out = new DataOutputSerializer(512);
            serializer.serialize(d, out);
            Decoded<Telemetry> back =
                    serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back).usingRecursiveComparison().isEqualTo(d);
        }
    }
}
