package dev.streamwall.generators.city;

import java.io.Serializable;

/** A junction of the road network, with its position so roads can be drawn on a map. */
public record Junction(String id, double lat, double lon) implements Serializable {}
