-- TimescaleDB where it can be loaded: hypertables partitioned on `ts`, a continuous aggregate of
-- per-car 1-second telemetry, compression and retention. On plain PostgreSQL the tables stay as they
-- are and `telemetry_1s` is an ordinary view with the same columns, so queries work on both.

DO $migration$
DECLARE
    timescale boolean :=
        EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
        AND coalesce(current_setting('shared_preload_libraries', true), '') LIKE '%timescaledb%';
BEGIN
    IF timescale THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;

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
