package dev.streamwall.pitwall.workflow;

import static dev.streamwall.common.sink.SqlRows.setInt;
import static dev.streamwall.common.sink.SqlRows.setReal;
import static dev.streamwall.common.sink.SqlRows.setSmallint;
import static dev.streamwall.common.sink.SqlRows.time;

import dev.streamwall.common.sink.SqlRow;
import dev.streamwall.common.sink.Table;
import dev.streamwall.generators.f1.Telemetry;
import dev.streamwall.pitwall.records.Alert;
import dev.streamwall.pitwall.records.LapSummary;
import dev.streamwall.pitwall.records.StintOutlook;
import dev.streamwall.pitwall.records.StrategyDecision;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The pitwall job's tables: idempotent upserts into PostgreSQL and how each record fills them. Each
 * table's key is deterministic (race, car, time...), so a replay rewrites rows instead of adding
 * them.
 */
public final class PitwallTables {

    static final String UPSERT_TELEMETRY =
            "INSERT INTO telemetry (race_id, car, ts, driver, team, lap, total_laps, sector, lap_distance, speed, throttle, brake,"
                    + " gear, rpm, drs, g_lat, g_long, tyre_compound, tyre_age, tyre_temp_fl, tyre_temp_fr, tyre_temp_rl,"
                    + " tyre_temp_rr, tyre_pressure_fl, tyre_pressure_fr, tyre_pressure_rl, tyre_pressure_rr, tyre_wear,"
                    + " brake_temp_fl, brake_temp_fr, brake_temp_rl, brake_temp_rr, engine_temp, fuel, track_status,"
                    + " position, gap_ahead, gap_behind, in_pit)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (race_id, car, ts) DO NOTHING";

    static final String UPSERT_LAP =
            "INSERT INTO laps (race_id, car, lap, ts, lap_start, driver, team, total_laps, lap_time_ms, sector1_ms,"
                    + " sector2_ms, sector3_ms, position, gap_ahead, gap_behind, avg_speed, top_speed, full_throttle_pct,"
                    + " braking_pct, fuel_used, fuel, tyre_compound, tyre_age, tyre_wear, tyre_wear_delta, peak_tyre_temp,"
                    + " peak_brake_temp, peak_engine_temp, peak_g_lat, peak_g_brake, peak_g_accel, pit_in, pit_out,"
                    + " track_status, samples)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (race_id, car, lap, ts) DO UPDATE SET lap_time_ms = EXCLUDED.lap_time_ms,"
                    + " samples = EXCLUDED.samples, position = EXCLUDED.position";

    static final String UPSERT_OUTLOOK =
            "INSERT INTO stint_outlook (race_id, car, ts, trigger, driver, lap, call, reason, stint, tyre_compound,"
                    + " tyre_age, stint_health, pit_window_probability, window_from, window_to, laps_to_cliff,"
                    + " degradation_per_lap, fuel_to_flag, laps_remaining, undercut_threat, undercut_opportunity,"
                    + " track_status, position)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (race_id, car, ts, trigger) DO UPDATE SET call = EXCLUDED.call,"
                    + " reason = EXCLUDED.reason, stint_health = EXCLUDED.stint_health,"
                    + " pit_window_probability = EXCLUDED.pit_window_probability,"
                    + " window_from = EXCLUDED.window_from, window_to = EXCLUDED.window_to";

    static final String UPSERT_DECISION =
            "INSERT INTO strategy_decisions (race_id, car, ts, call, call_id, trigger, driver, lap, from_lap, to_lap,"
                    + " probability, reason, stint, tyre_compound, tyre_age, laps_remaining, track_status, position)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (race_id, car, ts, call) DO UPDATE SET from_lap = EXCLUDED.from_lap,"
                    + " to_lap = EXCLUDED.to_lap, reason = EXCLUDED.reason";

    static final String UPSERT_ALERT =
            "INSERT INTO alerts (alert_id, ts, race_id, car, driver, type, severity, end_ts, status, lap, evidence)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (alert_id, ts) DO UPDATE SET severity = EXCLUDED.severity,"
                    + " end_ts = GREATEST(alerts.end_ts, EXCLUDED.end_ts),"
                    + " status = CASE WHEN alerts.status = 'CLOSED' AND alerts.end_ts >= EXCLUDED.end_ts"
                    + " THEN 'CLOSED' ELSE EXCLUDED.status END,"
                    + " lap = EXCLUDED.lap, evidence = EXCLUDED.evidence";

    private PitwallTables() {}

    public static final Table<Telemetry> TELEMETRY =
            Table.of("telemetry", UPSERT_TELEMETRY, PitwallTables::bindTelemetry);
    public static final Table<LapSummary> LAPS =
            Table.of("laps", UPSERT_LAP, PitwallTables::bindLap);
    public static final Table<StintOutlook> OUTLOOK =
            Table.of("stint_outlook", UPSERT_OUTLOOK, PitwallTables::bindOutlook);
    public static final Table<StrategyDecision> DECISIONS =
            Table.of("strategy_decisions", UPSERT_DECISION, PitwallTables::bindDecision);
    public static final Table<Alert> ALERTS =
            Table.of("alerts", UPSERT_ALERT, PitwallTables::bindAlert);

    static void bindTelemetry(SqlRow ps, Telemetry t) throws SQLException {
        int i = 1;
        ps.setString(i++, t.raceId);
        ps.setShort(i++, (short) t.car);
        ps.setObject(i++, time(t.ts));
        ps.setString(i++, t.driver);
        ps.setString(i++, t.team);
        ps.setShort(i++, (short) t.lap);
        ps.setShort(i++, (short) t.totalLaps);
        ps.setShort(i++, (short) t.sector);
        ps.setFloat(i++, (float) t.lapDistance);
        ps.setFloat(i++, (float) t.speed);
        ps.setFloat(i++, (float) t.throttle);
        ps.setFloat(i++, (float) t.brake);
        ps.setShort(i++, (short) t.gear);
        ps.setInt(i++, t.rpm);
        ps.setBoolean(i++, t.drs);
        ps.setFloat(i++, (float) t.gLat);
        ps.setFloat(i++, (float) t.gLong);
        ps.setString(i++, t.tyreCompound);
        ps.setShort(i++, (short) t.tyreAge);
        ps.setFloat(i++, (float) t.tyreTempFl);
        ps.setFloat(i++, (float) t.tyreTempFr);
        ps.setFloat(i++, (float) t.tyreTempRl);
        ps.setFloat(i++, (float) t.tyreTempRr);
        ps.setFloat(i++, (float) t.tyrePressureFl);
        ps.setFloat(i++, (float) t.tyrePressureFr);
        ps.setFloat(i++, (float) t.tyrePressureRl);
        ps.setFloat(i++, (float) t.tyrePressureRr);
        ps.setFloat(i++, (float) t.tyreWear);
        ps.setFloat(i++, (float) t.brakeTempFl);
        ps.setFloat(i++, (float) t.brakeTempFr);
        ps.setFloat(i++, (float) t.brakeTempRl);
        ps.setFloat(i++, (float) t.brakeTempRr);
        ps.setFloat(i++, (float) t.engineTemp);
        ps.setFloat(i++, (float) t.fuel);
        ps.setString(i++, t.trackStatus);
        ps.setShort(i++, (short) t.position);
        setReal(ps, i++, t.gapAhead);
        setReal(ps, i++, t.gapBehind);
        ps.setBoolean(i, t.inPit);
    }

    static void bindLap(SqlRow ps, LapSummary l) throws SQLException {
        int i = 1;
        ps.setString(i++, l.raceId);
        ps.setShort(i++, (short) l.car);
        ps.setShort(i++, (short) l.lap);
        ps.setObject(i++, time(l.lapEndTs));
        ps.setObject(i++, time(l.lapStartTs));
        ps.setString(i++, l.driver);
        ps.setString(i++, l.team);
        ps.setShort(i++, (short) l.totalLaps);
        ps.setInt(i++, (int) l.lapTimeMs);
        setInt(ps, i++, l.sector1Ms);
        setInt(ps, i++, l.sector2Ms);
        setInt(ps, i++, l.sector3Ms);
        ps.setShort(i++, (short) l.position);
        setReal(ps, i++, l.gapAhead);
        setReal(ps, i++, l.gapBehind);
        ps.setFloat(i++, (float) l.avgSpeed);
        ps.setFloat(i++, (float) l.topSpeed);
        ps.setFloat(i++, (float) l.fullThrottlePct);
        ps.setFloat(i++, (float) l.brakingPct);
        ps.setFloat(i++, (float) l.fuelUsed);
        setReal(ps, i++, l.fuel);
        ps.setString(i++, l.tyreCompound);
        if (l.tyreAge == null) {
            ps.setNull(i++, Types.SMALLINT);
        } else {
            ps.setShort(i++, l.tyreAge.shortValue());
        }
        setReal(ps, i++, l.tyreWear);
        ps.setFloat(i++, (float) l.tyreWearDelta);
        ps.setFloat(i++, (float) l.peakTyreTemp);
        ps.setFloat(i++, (float) l.peakBrakeTemp);
        ps.setFloat(i++, (float) l.peakEngineTemp);
        ps.setFloat(i++, (float) l.peakGLat);
        ps.setFloat(i++, (float) l.peakGBrake);
        ps.setFloat(i++, (float) l.peakGAccel);
        ps.setBoolean(i++, l.pitIn);
        ps.setBoolean(i++, l.pitOut);
        ps.setString(i++, l.trackStatus);
        ps.setInt(i, l.samples);
    }

    static void bindOutlook(SqlRow ps, StintOutlook d) throws SQLException {
        int i = 1;
        ps.setString(i++, d.raceId);
        ps.setShort(i++, (short) d.car);
        ps.setObject(i++, time(d.ts));
        ps.setString(i++, d.trigger);
        ps.setString(i++, d.driver);
        ps.setShort(i++, (short) d.lap);
        ps.setString(i++, d.call);
        ps.setString(i++, d.reason);
        ps.setShort(i++, (short) d.stint);
        ps.setString(i++, d.tyreCompound);
        ps.setShort(i++, (short) d.tyreAge);
        ps.setFloat(i++, (float) d.stintHealth);
        ps.setFloat(i++, (float) d.pitWindowProbability);
        setSmallint(ps, i++, d.windowFrom);
        setSmallint(ps, i++, d.windowTo);
        setReal(ps, i++, d.lapsToCliff);
        setReal(ps, i++, d.degradationPerLap);
        setReal(ps, i++, d.fuelToFlag);
        ps.setShort(i++, (short) d.lapsRemaining);
        ps.setBoolean(i++, d.undercutThreat);
        ps.setBoolean(i++, d.undercutOpportunity);
        ps.setString(i++, d.trackStatus == null ? "GREEN" : d.trackStatus);
        ps.setShort(i, (short) d.position);
    }

    static void bindDecision(SqlRow ps, StrategyDecision d) throws SQLException {
        int i = 1;
        ps.setString(i++, d.raceId);
        ps.setShort(i++, (short) d.car);
        ps.setObject(i++, time(d.ts));
        ps.setString(i++, d.call);
        ps.setString(i++, d.callId);
        ps.setString(i++, d.trigger);
        ps.setString(i++, d.driver);
        ps.setShort(i++, (short) d.lap);
        setSmallint(ps, i++, d.fromLap);
        setSmallint(ps, i++, d.toLap);
        ps.setFloat(i++, (float) d.probability);
        ps.setString(i++, d.reason);
        ps.setShort(i++, (short) d.stint);
        ps.setString(i++, d.tyreCompound);
        ps.setShort(i++, (short) d.tyreAge);
        ps.setShort(i++, (short) d.lapsRemaining);
        ps.setString(i++, d.trackStatus == null ? "GREEN" : d.trackStatus);
        ps.setShort(i, (short) d.position);
    }

    static void bindAlert(SqlRow ps, Alert a) throws SQLException {
        int i = 1;
        ps.setString(i++, a.alertId);
        ps.setObject(i++, time(a.startTs));
        ps.setString(i++, a.raceId);
        ps.setShort(i++, (short) a.car);
        ps.setString(i++, a.driver);
        ps.setString(i++, a.type);
        ps.setString(i++, a.severity);
        ps.setObject(i++, time(a.endTs));
        ps.setString(i++, a.status);
        ps.setShort(i++, (short) a.lap);
        ps.setString(i, a.evidence);
    }
}
