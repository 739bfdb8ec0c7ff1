package dev.streamwall.generators.factory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwall.generators.wire.WireFault;
import dev.streamwall.generators.wire.WireFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plant readings on the wire: keyed by machine (a machine's readings stay in one partition, in
 * order), and how a broken reading looks.
 */
public final class PlantWireFormat implements WireFormat<SensorReading> {

    /** The sensor of {@link WireFault#UNKNOWN_SOURCE} records: no machine has one. */
    public static final String UNKNOWN_SENSOR = "humidity";

    public static final PlantWireFormat INSTANCE = new PlantWireFormat();

    private PlantWireFormat() {}

    @Override
    public String key(SensorReading r) {
        return r.machine;
    }

    @Override
    public long ts(SensorReading r) {
        return r.ts;
    }

    @Override
    public List<String> numericFields() {
        return List.of("value");
    }

    @Override
    public void corrupt(WireFault kind, ObjectNode n, SplittableRandom rng) {
        switch (kind) {
            case WRONG_TYPE -> {
                if (rng.nextBoolean()) {
                    n.put("value", "high");
                } else {
                    n.put("ts", "yesterday");
                }
            }
            case MISSING_FIELD ->
                    n.remove(List.of("ts", "machine", "sensor", "value").get(rng.nextInt(4)));
            case OUT_OF_RANGE -> {
                Sensor s = Sensor.fromName(n.path("sensor").asText());
                n.put("value", s == Sensor.TEMP ? -300.0 : s == Sensor.VIBRATION ? -4.0 : -2.5);
            }
            case UNKNOWN_SOURCE -> n.put("sensor", UNKNOWN_SENSOR);
            default -> throw new IllegalArgumentException(kind + " is not a JSON corruption");
        }
    }
}
