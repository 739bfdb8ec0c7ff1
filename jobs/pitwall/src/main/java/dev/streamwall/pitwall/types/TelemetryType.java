package dev.streamwall.pitwall.types;

import dev.streamwall.common.kafka.Decoded;
import dev.streamwall.generators.f1.Telemetry;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of telemetry streams between the pitwall operators: {@link TelemetrySerializer}. State
 * keeps {@code TypeInformation.of(Telemetry.class)}, the POJO type, as before.
 */
public final class TelemetryType extends TypeInformation<Telemetry> {
    private static final long serialVersionUID = 1L;

    public static final TelemetryType INSTANCE = new TelemetryType();

    /** Decoded telemetry as the source emits it: the value field by field as well. */
    public static final TypeInformation<Decoded<Telemetry>> DECODED =
            Decoded.withValueType(new TypeHint<Decoded<Telemetry>>() {}.getTypeInfo(), INSTANCE);

    private TelemetryType() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Telemetry> getTypeClass() {
        return Telemetry.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Telemetry> createSerializer(SerializerConfig config) {
        return TelemetrySerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "Telemetry(field by field)";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof TelemetryType;
    }

    @Override
    public int hashCode() {
        return TelemetryType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof TelemetryType;
    }
}
