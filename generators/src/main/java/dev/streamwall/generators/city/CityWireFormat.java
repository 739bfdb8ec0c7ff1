package dev.streamwall.generators.city;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwall.generators.wire.WireFault;
import dev.streamwall.generators.wire.WireFormat;
import java.util.List;
import java.util.SplittableRandom;

/** Road readings on the wire: keyed by sensor, and how a broken reading looks. */
public final class CityWireFormat implements WireFormat<RoadReading> {

    /** The sensor of {@link WireFault#UNKNOWN_SOURCE} readings: on no road of the network. */
    public static final String UNKNOWN_SENSOR = "R99-z";

    public static final CityWireFormat INSTANCE = new CityWireFormat();

    private CityWireFormat() {}

    @Override
    public String key(RoadReading r) {
        return r.sensor;
    }

    @Override
    public long ts(RoadReading r) {
        return r.ts;
    }

    @Override
    public List<String> numericFields() {
        return List.of("speed", "flow", "occupancy");
    }

    @Override
    public void corrupt(WireFault kind, ObjectNode n, SplittableRandom rng) {
        switch (kind) {
            case WRONG_TYPE -> n.put(rng.nextBoolean() ? "speed" : "occupancy", "jammed");
            case MISSING_FIELD ->
                    n.remove(List.of("ts", "sensor", "road", "speed").get(rng.nextInt(4)));
            case OUT_OF_RANGE -> {
                if (rng.nextBoolean()) {
                    n.put("speed", 420.0);
                } else {
                    n.put("occupancy", 1.7);
                }
            }
            case UNKNOWN_SOURCE -> {
                n.put("sensor", UNKNOWN_SENSOR);
                n.put("road", "R99");
            }
            default -> throw new IllegalArgumentException(kind + " is not a JSON corruption");
        }
    }

    @Override
    public String keyOf(WireFault kind, ObjectNode corrupted, String originalKey) {
        return kind == WireFault.UNKNOWN_SOURCE ? UNKNOWN_SENSOR : originalKey;
    }
}
