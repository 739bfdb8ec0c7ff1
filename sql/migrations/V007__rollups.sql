-- Per-minute rollups of the factory's readings and the city's loop detectors, and continuous
-- aggregates that answer for all of their data. On TimescaleDB they are continuous aggregates with
-- real-time aggregation: the part a refresh policy has not materialised yet (everything newer than
-- the policy's end offset, and a replayed recording older than its start offset) is computed from
-- the hypertable when queried, so a dashboard never shows a gap. TimescaleDB 2.13 and later create
-- continuous aggregates materialised-only, which left `telemetry_1s` (V002) empty for replays.
-- On plain PostgreSQL they are ordinary views with the same columns.

DO $migration$
BEGIN
    IF streamwall_timescaledb() THEN
        ALTER MATERIALIZED VIEW telemetry_1s SET (timescaledb.materialized_only = false);

        EXECUTE $sql$
            CREATE MATERIALIZED VIEW sensor_readings_1m
            WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
            SELECT machine, sensor, time_bucket(INTERVAL '1 minute', ts) AS bucket,
                   count(*) AS readings, avg(value) AS avg_value, min(value) AS min_value,
                   max(value) AS max_value, max(score) AS max_score
            FROM sensor_readings
            GROUP BY machine, sensor, bucket
            WITH NO DATA
        $sql$;
        PERFORM add_continuous_aggregate_policy('sensor_readings_1m',
            start_offset => INTERVAL '1 day', end_offset => INTERVAL '1 minute',
            schedule_interval => INTERVAL '1 minute');
        PERFORM add_retention_policy('sensor_readings_1m', INTERVAL '365 days');

        EXECUTE $sql$
            CREATE MATERIALIZED VIEW traffic_1m
            WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
            SELECT road_id, sensor_id, time_bucket(INTERVAL '1 minute', ts) AS bucket,
                   count(*) AS readings, avg(speed_kmh) AS avg_speed_kmh,
                   min(speed_kmh) AS min_speed_kmh, avg(flow_rate) AS avg_flow_rate,
                   avg(occupancy) AS avg_occupancy
            FROM traffic_raw
            GROUP BY road_id, sensor_id, bucket
            WITH NO DATA
        $sql$;
        PERFORM add_continuous_aggregate_policy('traffic_1m',
            start_offset => INTERVAL '1 day', end_offset => INTERVAL '1 minute',
            schedule_interval => INTERVAL '1 minute');
        PERFORM add_retention_policy('traffic_1m', INTERVAL '365 days');
    ELSE
        CREATE VIEW sensor_readings_1m AS
        SELECT machine, sensor, date_trunc('minute', ts) AS bucket,
               count(*) AS readings, avg(value) AS avg_value, min(value) AS min_value,
               max(value) AS max_value, max(score) AS max_score
        FROM sensor_readings
        GROUP BY machine, sensor, date_trunc('minute', ts);

        CREATE VIEW traffic_1m AS
        SELECT road_id, sensor_id, date_trunc('minute', ts) AS bucket,
               count(*) AS readings, avg(speed_kmh) AS avg_speed_kmh,
               min(speed_kmh) AS min_speed_kmh, avg(flow_rate) AS avg_flow_rate,
               avg(occupancy) AS avg_occupancy
        FROM traffic_raw
        GROUP BY road_id, sensor_id, date_trunc('minute', ts);
    END IF;
END
$migration$;
