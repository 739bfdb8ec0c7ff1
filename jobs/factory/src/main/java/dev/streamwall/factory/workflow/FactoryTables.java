package dev.streamwall.factory.workflow;

import static dev.streamwall.common.sink.SqlRows.setReal;
import static dev.streamwall.common.sink.SqlRows.time;

import dev.streamwall.common.sink.SqlRow;
import dev.streamwall.common.sink.Table;
import dev.streamwall.factory.records.Anomaly;
import dev.streamwall.factory.records.MaintenanceAlert;
import dev.streamwall.factory.records.ScoredReading;
import dev.streamwall.factory.records.SensorStats;
import java.sql.SQLException;

/**
 * The factory job's tables: idempotent upserts into PostgreSQL on deterministic keys and how each
 * record fills them.
 */
public final class FactoryTables {

    static final String UPSERT_READING =
            "INSERT INTO sensor_readings (machine, sensor, ts, value, baseline, z, score)"
                    + " VALUES (?,?,?,?,?,?,?) ON CONFLICT (machine, sensor, ts) DO NOTHING";

    static final String UPSERT_ANOMALY =
            "INSERT INTO machine_anomalies (anomaly_id, ts, machine, sensor, kind, status, end_ts,"
                    + " value, baseline, std, z, peak_z, score, readings)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (anomaly_id, ts) DO UPDATE SET"
                    + " status = CASE WHEN machine_anomalies.status = 'CLOSED'"
                    + " AND machine_anomalies.end_ts >= EXCLUDED.end_ts THEN 'CLOSED' ELSE EXCLUDED.status END,"
                    + " end_ts = GREATEST(machine_anomalies.end_ts, EXCLUDED.end_ts),"
                    + " value = EXCLUDED.value, baseline = EXCLUDED.baseline, std = EXCLUDED.std,"
                    + " z = EXCLUDED.z, peak_z = EXCLUDED.peak_z, score = EXCLUDED.score,"
                    + " readings = GREATEST(machine_anomalies.readings, EXCLUDED.readings)";

    static final String UPSERT_ALERT =
            "INSERT INTO maintenance_alerts (alert_id, ts, machine, type, sensor, severity, status,"
                    + " start_ts, end_ts, evidence) VALUES (?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (alert_id, ts) DO UPDATE SET severity = EXCLUDED.severity,"
                    + " end_ts = GREATEST(maintenance_alerts.end_ts, EXCLUDED.end_ts),"
                    + " status = CASE WHEN maintenance_alerts.status = 'CLOSED'"
                    + " AND maintenance_alerts.end_ts >= EXCLUDED.end_ts THEN 'CLOSED' ELSE EXCLUDED.status END,"
                    + " evidence = EXCLUDED.evidence";

    static final String UPSERT_STATS =
            "INSERT INTO sensor_stats (machine, sensor, window_end, window_start, n, mean, std, min,"
                    + " max, sum, sum_sq, mean_score, max_score) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (machine, sensor, window_end) DO UPDATE SET n = EXCLUDED.n,"
                    + " mean = EXCLUDED.mean, std = EXCLUDED.std, min = EXCLUDED.min,"
                    + " max = EXCLUDED.max, sum = EXCLUDED.sum, sum_sq = EXCLUDED.sum_sq,"
                    + " mean_score = EXCLUDED.mean_score, max_score = EXCLUDED.max_score";

    private FactoryTables() {}

    public static final Table<ScoredReading> SENSOR_READINGS =
            Table.of("sensor_readings", UPSERT_READING, FactoryTables::bindReading);
    public static final Table<Anomaly> ANOMALIES =
            Table.of("machine_anomalies", UPSERT_ANOMALY, FactoryTables::bindAnomaly);
    public static final Table<MaintenanceAlert> ALERTS =
            Table.of("maintenance_alerts", UPSERT_ALERT, FactoryTables::bindAlert);
    public static final Table<SensorStats> STATS =
            Table.of("sensor_stats", UPSERT_STATS, FactoryTables::bindStats);

    static void bindReading(SqlRow ps, ScoredReading r) throws SQLException {
        int i = 1;
        ps.setString(i++, r.machine);
        ps.setString(i++, r.sensor);
        ps.setObject(i++, time(r.ts));
        ps.setDouble(i++, r.value);
        setReal(ps, i++, r.baseline);
        setReal(ps, i++, r.z);
        setReal(ps, i, r.score);
    }

    static void bindAnomaly(SqlRow ps, Anomaly a) throws SQLException {
        int i = 1;
        ps.setString(i++, a.anomalyId);
        ps.setObject(i++, time(a.startTs));
        ps.setString(i++, a.machine);
        ps.setString(i++, a.sensor);
        ps.setString(i++, a.kind);
        ps.setString(i++, a.open() ? "OPEN" : "CLOSED");
        ps.setObject(i++, time(a.ts));
        ps.setDouble(i++, a.value);
        setReal(ps, i++, a.baseline);
        setReal(ps, i++, a.std);
        setReal(ps, i++, a.z);
        setReal(ps, i++, a.peakZ);
        setReal(ps, i++, a.score);
        ps.setLong(i, a.readings);
    }

    static void bindAlert(SqlRow ps, MaintenanceAlert a) throws SQLException {
        int i = 1;
        ps.setString(i++, a.alertId);
        ps.setObject(i++, time(a.raisedTs));
        ps.setString(i++, a.machine);
        ps.setString(i++, a.type);
        ps.setString(i++, a.sensor);
        ps.setString(i++, a.severity);
        ps.setString(i++, a.status);
        ps.setObject(i++, time(a.startTs));
        ps.setObject(i++, time(a.endTs));
        ps.setString(i, a.evidence);
    }

    static void bindStats(SqlRow ps, SensorStats s) throws SQLException {
        int i = 1;
        ps.setString(i++, s.machine);
        ps.setString(i++, s.sensor);
        ps.setObject(i++, time(s.windowEnd));
        ps.setObject(i++, time(s.windowStart));
        ps.setLong(i++, s.n);
        ps.setDouble(i++, s.mean);
        ps.setDouble(i++, s.std);
        ps.setDouble(i++, s.min);
        ps.setDouble(i++, s.max);
        ps.setDouble(i++, s.sum);
        ps.setDouble(i++, s.sumSq);
        setReal(ps, i++, s.meanScore);
        setReal(ps, i, s.maxScore);
    }
}
