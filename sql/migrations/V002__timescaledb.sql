-- TimescaleDB where it can be loaded: hypertables partitioned on `ts`, a continuous aggregate of
-- per-car 1-second telemetry, compression and retention. On plain PostgreSQL the tables stay as they
-- are and `telemetry_1s` is an ordinary view with the same columns, so queries work on both.

-- Whether this database uses TimescaleDB: the extension is there already (created by an
-- administrator, as managed services do), or it is installed and preloaded and this role may
-- create it (it is a trusted extension: the database owner may). A server that has the extension
-- files but does not preload the library would end the session (FATAL) on CREATE EXTENSION, so the
-- preload is checked first: through shared_preload_libraries where this role may read it, and
-- otherwise through a setting that only the preloaded loader defines. Used by V004 and V005 too.
CREATE FUNCTION streamwall_timescaledb() RETURNS boolean LANGUAGE plpgsql AS $fn$
DECLARE
    preloaded boolean;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        RETURN true;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        RETURN false;
    END IF;
    BEGIN
        preloaded := current_setting('shared_preload_libraries') LIKE '%timescaledb%';
    EXCEPTION WHEN insufficient_privilege THEN
        preloaded := current_setting('timescaledb.max_background_workers', true) IS NOT NULL;
    END;
    IF NOT preloaded THEN
        RAISE NOTICE 'TimescaleDB is installed but not in shared_preload_libraries: plain tables';
        RETURN false;
    END IF;
    CREATE EXTENSION IF NOT EXISTS timescaledb;
    RETURN true;
END
$fn$;

DO $migration$
BEGIN
    IF streamwall_timescaledb() THEN

        PERFORM create_hypertable('telemetry', by_range('ts', INTERVAL '1 hour'), migrate_data => true);
        PERFORM create_hypertable('laps', by_range('ts', INTERVAL '7 days'), migrate_data => true);
        PERFORM create_hypertable('strategy_decisions', by_range('ts', INTERVAL '7 days'), migrate_data => true);
        PERFORM create_hypertable('alerts', by_range('ts', INTERVAL '7 days'), migrate_data => true);

        EXECUTE $sql$
            CREATE MATERIALIZED VIEW telemetry_1s WITH (timescaledb.continuous) AS
            SELECT race_id, car, time_bucket(INTERVAL '1 second', ts) AS bucket,
                   max(lap) AS lap, avg(speed) AS avg_speed, max(speed) AS max_speed,
                   avg(throttle) AS avg_throttle, avg(brake) AS avg_brake,
                   max(greatest(brake_temp_fl, brake_temp_fr, brake_temp_rl, brake_temp_rr)) AS max_brake_temp,
                   max(greatest(tyre_temp_fl, tyre_temp_fr, tyre_temp_rl, tyre_temp_rr)) AS max_tyre_temp,
                   min(least(tyre_pressure_fl, tyre_pressure_fr, tyre_pressure_rl, tyre_pressure_rr)) AS min_tyre_pressure,
                   max(engine_temp) AS max_engine_temp, min(fuel) AS fuel, max(tyre_wear) AS tyre_wear,
                   count(*) AS samples
            FROM telemetry
            GROUP BY race_id, car, bucket
            WITH NO DATA
        $sql$;
        PERFORM add_continuous_aggregate_policy('telemetry_1s',
            start_offset => INTERVAL '1 hour', end_offset => INTERVAL '1 second',
            schedule_interval => INTERVAL '10 seconds');

        ALTER TABLE telemetry SET (timescaledb.compress,
            timescaledb.compress_segmentby = 'race_id, car', timescaledb.compress_orderby = 'ts');
        PERFORM add_compression_policy('telemetry', INTERVAL '1 day');
        PERFORM add_retention_policy('telemetry', INTERVAL '30 days');
        PERFORM add_retention_policy('telemetry_1s', INTERVAL '365 days');
    ELSE
        CREATE VIEW telemetry_1s AS
        SELECT race_id, car, date_trunc('second', ts) AS bucket,
               max(lap) AS lap, avg(speed) AS avg_speed, max(speed) AS max_speed,
               avg(throttle) AS avg_throttle, avg(brake) AS avg_brake,
               max(greatest(brake_temp_fl, brake_temp_fr, brake_temp_rl, brake_temp_rr)) AS max_brake_temp,
               max(greatest(tyre_temp_fl, tyre_temp_fr, tyre_temp_rl, tyre_temp_rr)) AS max_tyre_temp,
               min(least(tyre_pressure_fl, tyre_pressure_fr, tyre_pressure_rl, tyre_pressure_rr)) AS min_tyre_pressure,
               max(engine_temp) AS max_engine_temp, min(fuel) AS fuel, max(tyre_wear) AS tyre_wear,
               count(*) AS samples
        FROM telemetry
        GROUP BY race_id, car, date_trunc('second', ts);
    END IF;
END
$migration$;
