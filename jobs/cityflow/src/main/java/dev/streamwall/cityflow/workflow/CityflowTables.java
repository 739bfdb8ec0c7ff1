package dev.streamwall.cityflow.workflow;

import static dev.streamwall.common.sink.SqlRows.setDouble;
import static dev.streamwall.common.sink.SqlRows.time;

import dev.streamwall.cityflow.records.CongestionForecast;
import dev.streamwall.cityflow.records.Reroute;
import dev.streamwall.cityflow.records.TrafficIncident;
import dev.streamwall.common.sink.SqlRow;
import dev.streamwall.common.sink.Table;
import dev.streamwall.generators.city.RoadReading;
import dev.streamwall.generators.city.RoadRecord;
import java.sql.SQLException;

/**
 * The cityflow job's tables: idempotent upserts into PostgreSQL on deterministic keys and how each
 * record fills them.
 */
public final class CityflowTables {

    static final String UPSERT_RAW =
            "INSERT INTO traffic_raw (ts, sensor_id, road_id, speed_kmh, flow_rate, occupancy)"
                    + " VALUES (?,?,?,?,?,?) ON CONFLICT (ts, sensor_id) DO NOTHING";

    static final String UPSERT_ROAD =
            "INSERT INTO roads (road_id, from_node, to_node, length_m, lanes, free_flow_kmh,"
                    + " capacity_vph, from_lat, from_lon, to_lat, to_lon, removed, updated_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (road_id) DO UPDATE SET"
                    + " from_node = EXCLUDED.from_node, to_node = EXCLUDED.to_node,"
                    + " length_m = EXCLUDED.length_m, lanes = EXCLUDED.lanes,"
                    + " free_flow_kmh = EXCLUDED.free_flow_kmh, capacity_vph = EXCLUDED.capacity_vph,"
                    + " from_lat = EXCLUDED.from_lat, from_lon = EXCLUDED.from_lon,"
                    + " to_lat = EXCLUDED.to_lat, to_lon = EXCLUDED.to_lon,"
                    + " removed = EXCLUDED.removed, updated_at = EXCLUDED.updated_at"
                    + " WHERE roads.updated_at <= EXCLUDED.updated_at";

    static final String UPSERT_PREDICTION =
            "INSERT INTO predictions (ts, road_id, horizon_min, congestion_score, confidence,"
                    + " model_version, congestion_now, baseline_score, speed_kmh, flow_rate, occupancy,"
                    + " free_flow_kmh, trend_per_min, travel_time_min, predicted_travel_time_min,"
                    + " readings, predicted_speed_kmh, explanation)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (ts, road_id, horizon_min) DO UPDATE SET"
                    + " congestion_score = EXCLUDED.congestion_score, confidence = EXCLUDED.confidence,"
                    + " model_version = EXCLUDED.model_version, congestion_now = EXCLUDED.congestion_now,"
                    + " baseline_score = EXCLUDED.baseline_score, speed_kmh = EXCLUDED.speed_kmh,"
                    + " flow_rate = EXCLUDED.flow_rate, occupancy = EXCLUDED.occupancy,"
                    + " free_flow_kmh = EXCLUDED.free_flow_kmh, trend_per_min = EXCLUDED.trend_per_min,"
                    + " travel_time_min = EXCLUDED.travel_time_min,"
                    + " predicted_travel_time_min = EXCLUDED.predicted_travel_time_min,"
                    + " readings = EXCLUDED.readings,"
                    + " predicted_speed_kmh = EXCLUDED.predicted_speed_kmh,"
                    + " explanation = EXCLUDED.explanation";

    static final String UPSERT_REROUTE =
            "INSERT INTO reroutes (ts, route_id, alt_route_id, reason, estimated_co2_gain, eta_gain_min,"
                    + " road_id, rank, origin, destination, predicted_score, route_eta_min, alt_eta_min,"
                    + " route_length_m, alt_length_m, route_co2_g, alt_co2_g)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (ts, route_id, alt_route_id) DO UPDATE SET reason = EXCLUDED.reason,"
                    + " estimated_co2_gain = EXCLUDED.estimated_co2_gain,"
                    + " eta_gain_min = EXCLUDED.eta_gain_min, rank = EXCLUDED.rank,"
                    + " predicted_score = EXCLUDED.predicted_score,"
                    + " route_eta_min = EXCLUDED.route_eta_min, alt_eta_min = EXCLUDED.alt_eta_min,"
                    + " route_co2_g = EXCLUDED.route_co2_g, alt_co2_g = EXCLUDED.alt_co2_g";

    static final String UPSERT_INCIDENT =
            "INSERT INTO incidents (incident_id, ts, road_id, kind, status, start_ts, end_ts, severity,"
                    + " speed_ratio, downstream_ratio, occupancy, detail)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (incident_id, ts) DO UPDATE SET"
                    + " status = CASE WHEN incidents.status = 'CLEARED'"
                    + " AND incidents.end_ts >= EXCLUDED.end_ts THEN 'CLEARED' ELSE EXCLUDED.status END,"
                    + " end_ts = GREATEST(incidents.end_ts, EXCLUDED.end_ts),"
                    + " severity = CASE WHEN incidents.severity = 'HIGH' THEN 'HIGH' ELSE EXCLUDED.severity END,"
                    + " speed_ratio = LEAST(incidents.speed_ratio, EXCLUDED.speed_ratio)";

    private CityflowTables() {}

    public static final Table<RoadReading> TRAFFIC_RAW =
            Table.of("traffic_raw", UPSERT_RAW, CityflowTables::bindRaw);
    public static final Table<RoadRecord> ROADS =
            Table.of("roads", UPSERT_ROAD, CityflowTables::bindRoad);
    public static final Table<CongestionForecast> PREDICTIONS =
            Table.of("predictions", UPSERT_PREDICTION, CityflowTables::bindPrediction);
    public static final Table<Reroute> REROUTES =
            Table.of("reroutes", UPSERT_REROUTE, CityflowTables::bindReroute);
    public static final Table<TrafficIncident> INCIDENTS =
            Table.of("incidents", UPSERT_INCIDENT, CityflowTables::bindIncident);

    static void bindRaw(SqlRow ps, RoadReading r) throws SQLException {
        int i = 1;
        ps.setObject(i++, time(r.ts));
        ps.setString(i++, r.sensor);
        ps.setString(i++, r.road);
        ps.setDouble(i++, r.speed);
        setDouble(ps, i++, r.flow);
        setDouble(ps, i, r.occupancy);
    }

    static void bindRoad(SqlRow ps, RoadRecord r) throws SQLException {
        int i = 1;
        ps.setString(i++, r.road);
        ps.setString(i++, r.from == null ? "" : r.from);
        ps.setString(i++, r.to == null ? "" : r.to);
        ps.setDouble(i++, r.lengthM);
        ps.setInt(i++, r.lanes);
        ps.setDouble(i++, r.freeFlowKmh);
        ps.setDouble(i++, r.capacityVph);
        setDouble(ps, i++, r.fromLat);
        setDouble(ps, i++, r.fromLon);
        setDouble(ps, i++, r.toLat);
        setDouble(ps, i++, r.toLon);
        ps.setBoolean(i++, r.removed);
        ps.setObject(i, time(r.ts));
    }

    static void bindPrediction(SqlRow ps, CongestionForecast f) throws SQLException {
        int i = 1;
        ps.setObject(i++, time(f.ts));
        ps.setString(i++, f.road);
        ps.setInt(i++, f.horizonMin);
        ps.setDouble(i++, f.score);
        setDouble(ps, i++, f.confidence);
        ps.setString(i++, f.modelVersion);
        ps.setDouble(i++, f.now);
        setDouble(ps, i++, f.baseline);
        setDouble(ps, i++, f.speed);
        setDouble(ps, i++, f.flow);
        setDouble(ps, i++, f.occupancy);
        setDouble(ps, i++, f.freeFlowKmh);
        setDouble(ps, i++, f.trendPerMin);
        setDouble(ps, i++, f.travelMin);
        setDouble(ps, i++, f.predictedTravelMin);
        ps.setInt(i++, f.readings);
        setDouble(ps, i++, f.predictedSpeed);
        ps.setString(i, f.explanation);
    }

    static void bindReroute(SqlRow ps, Reroute r) throws SQLException {
        int i = 1;
        ps.setObject(i++, time(r.ts));
        ps.setString(i++, r.routeId);
        ps.setString(i++, r.altRouteId);
        ps.setString(i++, r.reason);
        ps.setDouble(i++, r.co2GainG);
        ps.setDouble(i++, r.etaGainMin);
        ps.setString(i++, r.road);
        ps.setInt(i++, r.rank);
        ps.setString(i++, r.origin);
        ps.setString(i++, r.destination);
        ps.setDouble(i++, r.predictedScore);
        ps.setDouble(i++, r.routeEtaMin);
        ps.setDouble(i++, r.altEtaMin);
        ps.setDouble(i++, r.routeLengthM);
        ps.setDouble(i++, r.altLengthM);
        ps.setDouble(i++, r.routeCo2G);
        ps.setDouble(i, r.altCo2G);
    }

    static void bindIncident(SqlRow ps, TrafficIncident t) throws SQLException {
        int i = 1;
        ps.setString(i++, t.incidentId);
        ps.setObject(i++, time(t.raisedTs));
        ps.setString(i++, t.road);
        ps.setString(i++, t.kind);
        ps.setString(i++, t.status);
        ps.setObject(i++, time(t.startTs));
        ps.setObject(i++, time(t.endTs));
        ps.setString(i++, t.severity);
        setDouble(ps, i++, t.speedRatio);
        setDouble(ps, i++, t.downstreamRatio);
        setDouble(ps, i++, t.occupancy);
        ps.setString(i, t.detail);
    }
}
