package dev.streamwall.generators.f1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwall.generators.wire.WireFault;
import dev.streamwall.generators.wire.WireFormat;
import java.util.List;
import java.util.SplittableRandom;

/** F1 telemetry on the wire: keyed by car number, and how a broken sample looks. */
public final class TelemetryWireFormat implements WireFormat<Telemetry> {

    /** The car number of {@link WireFault#UNKNOWN_SOURCE} records: not on the grid. */
    public static final int UNKNOWN_CAR = 99;

    public static final TelemetryWireFormat INSTANCE = new TelemetryWireFormat();

    private static final List<String> NAN_FIELDS =
            List.of("speed", "engine_temp", "tyre_pressure_fl", "fuel");

    private TelemetryWireFormat() {}

    @Override
    public String key(Telemetry t) {
        return Integer.toString(t.car);
    }

    @Override
    public long ts(Telemetry t) {
        return t.ts;
    }

    @Override
    public List<String> numericFields() {
        return NAN_FIELDS;
    }

    @Override
    public void corrupt(WireFault kind, ObjectNode n, SplittableRandom rng) {
        switch (kind) {
            case WRONG_TYPE -> {
                switch (rng.nextInt(3)) {
                    case 0 -> n.put("speed", "fast");
                    case 1 -> n.put("lap", "three");
                    default -> n.put("engine_temp", "hot");
                }
            }
            case MISSING_FIELD -> n.remove(rng.nextBoolean() ? "car" : "ts");
            case OUT_OF_RANGE -> {
                if (rng.nextBoolean()) {
                    n.put("speed", 900.0);
                } else {
                    n.put("tyre_pressure_fl", -3.5);
                }
            }
            case UNKNOWN_SOURCE -> {
                n.put("car", UNKNOWN_CAR);
                n.put("driver", "UNK");
            }
            default -> throw new IllegalArgumentException(kind + " is not a JSON corruption");
        }
    }

    @Override
    public String keyOf(WireFault kind, ObjectNode corrupted, String originalKey) {
        return kind == WireFault.UNKNOWN_SOURCE ? Integer.toString(UNKNOWN_CAR) : originalKey;
    }
}
