package dev.streamwall.pitwall.types;

import dev.streamwall.generators.f1.Telemetry;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes, reads and copies a {@link Telemetry} sample field by field, without the reflection of
 * Flink's POJO serializer (which spent a third of the pitwall graph's CPU on the 40 fields of every
 * sample crossing the network). Used for telemetry moving between operators, never for state: the
 * ordering buffer and the lap state keep the POJO serializer, so savepoints are unchanged.
 *
 * <p>Every field of {@link Telemetry} is written, {@code receivedAt} included (the latency metric
 * reads it downstream). A field added to the record without being added here fails the job at
 * start-up, not silently.
 */
public final class TelemetrySerializer extends TypeSerializerSingleton<Telemetry> {
    private static final long serialVersionUID = 1L;

    public static final TelemetrySerializer INSTANCE = new TelemetrySerializer();

    /** The fields this serializer writes, in order. */
    static final List<String> FIELDS =
            List.of(
                    "raceId",
                    "ts",
                    "car",
                    "driver",
                    "team",
                    "lap",
                    "totalLaps",
                    "sector",
                    "lapDistance",
                    "speed",
                    "throttle",
                    "brake",
                    "gear",
                    "rpm",
                    "drs",
                    "gLat",
                    "gLong",
                    "tyreCompound",
                    "tyreAge",
                    "tyreTempFl",
                    "tyreTempFr",
                    "tyreTempRl",
                    "tyreTempRr",
                    "tyrePressureFl",
                    "tyrePressureFr",
                    "tyrePressureRl",
                    "tyrePressureRr",
                    "tyreWear",
                    "brakeTempFl",
                    "brakeTempFr",
                    "brakeTempRl",
                    "brakeTempRr",
                    "engineTemp",
                    "fuel",
                    "trackStatus",
                    "position",
                    "gapAhead",
                    "gapBehind",
                    "inPit",
                    "receivedAt");

    static {
        List<String> declared =
                Arrays.stream(Telemetry.class.getDeclaredFields())
                        .filter(f -> !Modifier.isStatic(f.getModifiers()))
                        .map(Field::getName)
                        .toList();
        if (!declared.equals(FIELDS)) {
            throw new IllegalStateException(
                    "TelemetrySerializer writes "
                            + FIELDS
                            + " but Telemetry has "
                            + declared
                            + ": update the serializer with the record");
        }
    }

    private TelemetrySerializer() {}

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Telemetry createInstance() {
        return new Telemetry();
    }

    @Override
    public Telemetry copy(Telemetry from) {
        return copy(from, new Telemetry());
    }

    @Override
    public Telemetry copy(Telemetry from, Telemetry to) {
        to.raceId = from.raceId;
        to.ts = from.ts;
        to.car = from.car;
        to.driver = from.driver;
        to.team = from.team;
        to.lap = from.lap;
        to.totalLaps = from.totalLaps;
        to.sector = from.sector;
        to.lapDistance = from.lapDistance;
        to.speed = from.speed;
        to.throttle = from.throttle;
        to.brake = from.brake;
        to.gear = from.gear;
        to.rpm = from.rpm;
        to.drs = from.drs;
        to.gLat = from.gLat;
        to.gLong = from.gLong;
        to.tyreCompound = from.tyreCompound;
        to.tyreAge = from.tyreAge;
        to.tyreTempFl = from.tyreTempFl;
        to.tyreTempFr = from.tyreTempFr;
        to.tyreTempRl = from.tyreTempRl;
        to.tyreTempRr = from.tyreTempRr;
        to.tyrePressureFl = from.tyrePressureFl;
        to.tyrePressureFr = from.tyrePressureFr;
        to.tyrePressureRl = from.tyrePressureRl;
        to.tyrePressureRr = from.tyrePressureRr;
        to.tyreWear = from.tyreWear;
        to.brakeTempFl = from.brakeTempFl;
        to.brakeTempFr = from.brakeTempFr;
        to.brakeTempRl = from.brakeTempRl;
        to.brakeTempRr = from.brakeTempRr;
        to.engineTemp = from.engineTemp;
        to.fuel = from.fuel;
        to.trackStatus = from.trackStatus;
        to.position = from.position;
        to.gapAhead = from.gapAhead;
        to.gapBehind = from.gapBehind;
        to.inPit = from.inPit;
        to.receivedAt = from.receivedAt;
        return to;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Telemetry t, DataOutputView out) throws IOException {
        StringValue.writeString(t.raceId, out);
        out.writeLong(t.ts);
        out.writeInt(t.car);
        StringValue.writeString(t.driver, out);
        StringValue.writeString(t.team, out);
        out.writeInt(t.lap);
        out.writeInt(t.totalLaps);
        out.writeInt(t.sector);
        out.writeDouble(t.lapDistance);
        out.writeDouble(t.speed);
        out.writeDouble(t.throttle);
        out.writeDouble(t.brake);
        out.writeInt(t.gear);
        out.writeInt(t.rpm);
        out.writeBoolean(t.drs);
        out.writeDouble(t.gLat);
        out.writeDouble(t.gLong);
        StringValue.writeString(t.tyreCompound, out);
        out.writeInt(t.tyreAge);
        out.writeDouble(t.tyreTempFl);
        out.writeDouble(t.tyreTempFr);
        out.writeDouble(t.tyreTempRl);
        out.writeDouble(t.tyreTempRr);
        out.writeDouble(t.tyrePressureFl);
        out.writeDouble(t.tyrePressureFr);
        out.writeDouble(t.tyrePressureRl);
        out.writeDouble(t.tyrePressureRr);
        out.writeDouble(t.tyreWear);
        out.writeDouble(t.brakeTempFl);
        out.writeDouble(t.brakeTempFr);
        out.writeDouble(t.brakeTempRl);
        out.writeDouble(t.brakeTempRr);
        out.writeDouble(t.engineTemp);
        out.writeDouble(t.fuel);
        StringValue.writeString(t.trackStatus, out);
        out.writeInt(t.position);
        writeNullable(t.gapAhead, out);
        writeNullable(t.gapBehind, out);
        out.writeBoolean(t.inPit);
        out.writeLong(t.receivedAt);
    }

    @Override
    public Telemetry deserialize(DataInputView in) throws IOException {
        return deserialize(new Telemetry(), in);
    }

    @Override
    public Telemetry deserialize(Telemetry t, DataInputView in) throws IOException {
        t.raceId = StringValue.readString(in);
        t.ts = in.readLong();
        t.car = in.readInt();
        t.driver = StringValue.readString(in);
        t.team = StringValue.readString(in);
        t.lap = in.readInt();
        t.totalLaps = in.readInt();
        t.sector = in.readInt();
        t.lapDistance = in.readDouble();
        t.speed = in.readDouble();
        t.throttle = in.readDouble();
        t.brake = in.readDouble();
        t.gear = in.readInt();
        t.rpm = in.readInt();
        t.drs = in.readBoolean();
        t.gLat = in.readDouble();
        t.gLong = in.readDouble();
        t.tyreCompound = StringValue.readString(in);
        t.tyreAge = in.readInt();
        t.tyreTempFl = in.readDouble();
        t.tyreTempFr = in.readDouble();
        t.tyreTempRl = in.readDouble();
        t.tyreTempRr = in.readDouble();
        t.tyrePressureFl = in.readDouble();
        t.tyrePressureFr = in.readDouble();
        t.tyrePressureRl = in.readDouble();
        t.tyrePressureRr = in.readDouble();
        t.tyreWear = in.readDouble();
        t.brakeTempFl = in.readDouble();
        t.brakeTempFr = in.readDouble();
        t.brakeTempRl = in.readDouble();
        t.brakeTempRr = in.readDouble();
        t.engineTemp = in.readDouble();
        t.fuel = in.readDouble();
        t.trackStatus = StringValue.readString(in);
        t.position = in.readInt();
        t.gapAhead = readNullable(in);
        t.gapBehind = readNullable(in);
        t.inPit = in.readBoolean();
        t.receivedAt = in.readLong();
        return t;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    private static void writeNullable(Double v, DataOutputView out) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeDouble(v);
        }
    }

    private static Double readNullable(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    @Override
    public TypeSerializerSnapshot<Telemetry> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer has no configuration: its snapshot restores the singleton. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Telemetry> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
