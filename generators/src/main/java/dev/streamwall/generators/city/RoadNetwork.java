package dev.streamwall.generators.city;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The roads and junctions of a city: the default city (a 4 × 4 grid of streets around a faster
 * ring, 52 directed roads) or one loaded from a CSV file.
 */
public final class RoadNetwork implements Serializable {

    private final Map<String, Junction> junctions;
    private final Map<String, Road> roads;

    public RoadNetwork(List<Junction> junctions, List<Road> roads) {
        this.junctions = new LinkedHashMap<>();
        junctions.forEach(j -> this.junctions.put(j.id(), j));
        this.roads = new LinkedHashMap<>();
        for (Road r : roads) {
            if (this.roads.put(r.id(), r) != null) {
                throw new IllegalArgumentException("road " + r.id() + " is listed twice");
            }
        }
        if (this.roads.isEmpty()) {
            throw new IllegalArgumentException("a road network needs at least one road");
        }
    }

    public List<Road> roads() {
        return List.copyOf(roads.values());
    }

    public Road road(String id) {
        return roads.get(id);
    }

    public Map<String, Junction> junctions() {
        return Map.copyOf(junctions);
    }

    /** The roads that lead into {@code road}'s start: where its queue spills back to. */
    public List<Road> upstreamOf(Road road) {
        return roads.values().stream()
                .filter(r -> r.to().equals(road.from()) && !r.from().equals(road.to()))
                .toList();
    }

    /**
     * The default city: junctions on a 4 × 4 grid about 700 m apart (around 45.76 N, 4.84 E), two
     * directed streets between neighbours (50 km/h, 2 lanes; 3 lanes and 60 km/h on the two central
     * avenues), and a 4-road outer ring at 90 km/h joining the corners.
     */
    public static RoadNetwork defaultCity() {
        List<Junction> js = new ArrayList<>();
        int n = 4;
        double lat0 = 45.750;
        double lon0 = 4.825;
        double dLat = 0.0063; // about 700 m
        double dLon = 0.0090; // about 700 m at this latitude
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                js.add(new Junction(junction(r, c), lat0 + r * dLat, lon0 + c * dLon));
            }
        }
        List<Road> roads = new ArrayList<>();
        int[] next = {1};
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                if (c + 1 < n) {
                    boolean avenue = r == 1 || r == 2;
                    pair(roads, next, junction(r, c), junction(r, c + 1), 700, avenue);
                }
                if (r + 1 < n) {
                    boolean avenue = c == 1 || c == 2;
                    pair(roads, next, junction(r, c), junction(r + 1, c), 700, avenue);
                }
            }
        }
        // The ring: corner to corner, longer but fast (one direction each way round).
        String[] corners = {
            junction(0, 0), junction(0, n - 1), junction(n - 1, n - 1), junction(n - 1, 0)
        };
        for (int i = 0; i < corners.length; i++) {
            roads.add(
                    new Road(
                            String.format("R%02d", next[0]++),
                            corners[i],
                            corners[(i + 1) % corners.length],
                            2600,
                            2,
                            90,
                            3600));
        }
        return new RoadNetwork(js, roads);
    }

    private static void pair(
            List<Road> roads, int[] next, String a, String b, double lengthM, boolean avenue) {
        int lanes = avenue ? 3 : 2;
        double speed = avenue ? 60 : 50;
        double capacity = lanes * 900.0; // urban lanes with junctions: about 900 veh/h each
        roads.add(
                new Road(String.format("R%02d", next[0]++), a, b, lengthM, lanes, speed, capacity));
        roads.add(
                new Road(String.format("R%02d", next[0]++), b, a, lengthM, lanes, speed, capacity));
    }

    private static String junction(int row, int col) {
        return "J" + row + col;
    }

    /** Vehicles per hour one lane discharges when a network file gives no capacity. */
    public static final double DEFAULT_LANE_CAPACITY_VPH = 1800;

    private static final double METRES_PER_MILE = 1609.344;

    /**
     * Loads a network from a CSV with a header: {@code road, from, to}, the length as {@code
     * length_m} or {@code length_mi}, the free-flow speed as {@code free_flow_kmh} or {@code
     * free_flow_mph}, and optionally {@code lanes} (default 1), {@code capacity_vph} (default
     * {@value #DEFAULT_LANE_CAPACITY_VPH} per lane) and {@code from_lat, from_lon, to_lat, to_lon}.
     *
     * @throws IllegalArgumentException naming the file, the line and what is wrong with it
     */
    public static RoadNetwork load(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException(
                    "road network " + csv.toAbsolutePath() + " does not exist or is not a file");
        }
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES);
        Map<String, Junction> js = new LinkedHashMap<>();
        List<Road> roads = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                MappingIterator<Map<String, String>> rows =
                        mapper.readerFor(Map.class)
                                .with(CsvSchema.emptySchema().withHeader())
                                .readValues(reader)) {
            int line = 1;
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                line++;
                try {
                    int lanes = present(row, "lanes") ? (int) number(row, "lanes") : 1;
                    Road road =
                            new Road(
                                    text(row, "road"),
                                    text(row, "from"),
                                    text(row, "to"),
                                    present(row, "length_mi")
                                            ? number(row, "length_mi") * METRES_PER_MILE
                                            : number(row, "length_m", "length_mi"),
                                    lanes,
                                    present(row, "free_flow_mph")
                                            ? number(row, "free_flow_mph")
                                                    * METRES_PER_MILE
                                                    / 1000.0
                                            : number(row, "free_flow_kmh", "free_flow_mph"),
                                    present(row, "capacity_vph")
                                            ? number(row, "capacity_vph")
                                            : lanes * DEFAULT_LANE_CAPACITY_VPH);
                    roads.add(road);
                    junction(js, road.from(), row.get("from_lat"), row.get("from_lon"));
                    junction(js, road.to(), row.get("to_lat"), row.get("to_lon"));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            csv + " line " + line + ": " + e.getMessage(), e);
                }
            }
        } catch (com.fasterxml.jackson.databind.RuntimeJsonMappingException e) {
            throw new IllegalArgumentException(csv + " is not a valid CSV file: " + e.getMessage());
        }
        return new RoadNetwork(new ArrayList<>(js.values()), roads);
    }

    private static boolean present(Map<String, String> row, String column) {
        String v = row.get(column);
        return v != null && !v.isBlank();
    }

    private static void junction(Map<String, Junction> js, String id, String lat, String lon) {
        boolean hasPosition = lat != null && !lat.isBlank() && lon != null && !lon.isBlank();
        Junction known = js.get(id);
        if (known == null || (Double.isNaN(known.lat()) && hasPosition)) {
            js.put(
                    id,
                    hasPosition
                            ? new Junction(id, Double.parseDouble(lat), Double.parseDouble(lon))
                            : new Junction(id, Double.NaN, Double.NaN));
        }
    }

    private static String text(Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(
                    "column '"
                            + column
                            + "' is missing or empty (the header has "
                            + row.keySet()
                            + ")");
        }
        return v.trim();
    }

    /** The records of every road, by road id in the network's order, published at {@code ts}. */
    public Map<String, RoadRecord> records(long ts) {
        Map<String, RoadRecord> records = new LinkedHashMap<>();
        for (Road r : roads()) {
            records.put(r.id(), record(r, ts));
        }
        return records;
    }

    /**
     * The record of one of this network's roads as it goes on the roads topic, published at {@code
     * ts}.
     */
    public RoadRecord record(Road r, long ts) {
        RoadRecord rec = new RoadRecord();
        rec.road = r.id();
        rec.from = r.from();
        rec.to = r.to();
        rec.lengthM = r.lengthM();
        rec.lanes = r.lanes();
        rec.freeFlowKmh = r.freeFlowKmh();
        rec.capacityVph = r.capacityVph();
        Junction a = junctions().get(r.from());
        Junction b = junctions().get(r.to());
        rec.fromLat = a == null || Double.isNaN(a.lat()) ? null : a.lat();
        rec.fromLon = a == null || Double.isNaN(a.lon()) ? null : a.lon();
        rec.toLat = b == null || Double.isNaN(b.lat()) ? null : b.lat();
        rec.toLon = b == null || Double.isNaN(b.lon()) ? null : b.lon();
        rec.ts = ts;
        return rec;
    }

    /** {@code column}'s number; the message names {@code other} too when both are missing. */
    private static double number(Map<String, String> row, String column, String other) {
        if (!present(row, column)) {
            throw new IllegalArgumentException(
                    "column '"
                            + column
                            + "' (or '"
                            + other
                            + "') is missing or empty (the header has "
                            + row.keySet()
                            + ")");
        }
        return number(row, column);
    }

    private static double number(Map<String, String> row, String column) {
        String v = text(row, column);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "column '" + column + "' is '" + v + "', not a number");
        }
    }
}
