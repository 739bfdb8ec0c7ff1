-- The streamwall catalog for Flink SQL: every Kafka topic (JSON, event-time watermark) in the
-- database `kafka`, and every PostgreSQL/TimescaleDB table in the database `pg`, as a view over
-- Flink's JDBC catalog `postgres`, which reads each table's columns, types and primary key from the
-- database itself (the migrations in sql/migrations are their only definition).
--
-- The ${...} placeholders are filled in by `./streamwall sql` (or by `envsubst` before Flink's own
-- sql-client.sh -i): KAFKA_BOOTSTRAP, KAFKA_BOUNDED_MODE (unbounded: live queries that keep
-- running; latest-offset: a snapshot of what is in the topic now), JDBC_BASE_URL (the JDBC URL
-- without the database, e.g. jdbc:postgresql://db:5432/), JDBC_DATABASE, JDBC_USER,
-- JDBC_PASSWORD (from the environment, never written down).
--
-- PostgreSQL timestamptz columns arrive as TIMESTAMP_LTZ: instants, shown in the session's time
-- zone (SET 'table.local-time-zone' = 'UTC' to read them as the jobs wrote them).
--
-- Kafka tables skip records that are not valid JSON: the jobs dead-letter those, and
-- pg.dead_letters / kafka.*_dead_letters are where they are counted.

CREATE DATABASE IF NOT EXISTS kafka;
CREATE DATABASE IF NOT EXISTS pg;

CREATE CATALOG postgres WITH (
    'type' = 'jdbc',
    'base-url' = '${JDBC_BASE_URL}',
    'default-database' = '${JDBC_DATABASE}',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

-- ---------------------------------------------------------------------------------------------
-- pitwall: Kafka
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS kafka.f1_telemetry (
    race_id STRING,
    ts BIGINT,
    car INT,
    driver STRING,
    team STRING,
    lap INT,
    total_laps INT,
    sector INT,
    lap_distance DOUBLE,
    speed DOUBLE,
    throttle DOUBLE,
    brake DOUBLE,
    gear INT,
    rpm INT,
    drs BOOLEAN,
    g_lat DOUBLE,
    g_long DOUBLE,
    tyre_compound STRING,
    tyre_age INT,
    tyre_temp_fl DOUBLE,
    tyre_temp_fr DOUBLE,
    tyre_temp_rl DOUBLE,
    tyre_temp_rr DOUBLE,
    tyre_pressure_fl DOUBLE,
    tyre_pressure_fr DOUBLE,
    tyre_pressure_rl DOUBLE,
    tyre_pressure_rr DOUBLE,
    tyre_wear DOUBLE,
    brake_temp_fl DOUBLE,
    brake_temp_fr DOUBLE,
    brake_temp_rl DOUBLE,
    brake_temp_rr DOUBLE,
    engine_temp DOUBLE,
    fuel DOUBLE,
    track_status STRING,
    `position` INT,
    gap_ahead DOUBLE,
    gap_behind DOUBLE,
    in_pit BOOLEAN,
    event_time AS TO_TIMESTAMP_LTZ(ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '2' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'f1.telemetry',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

CREATE TABLE IF NOT EXISTS kafka.f1_laps (
    race_id STRING,
    car INT,
    driver STRING,
    team STRING,
    lap INT,
    total_laps INT,
    lap_start_ts BIGINT,
    lap_end_ts BIGINT,
    lap_time_ms BIGINT,
    sector1_ms BIGINT,
    sector2_ms BIGINT,
    sector3_ms BIGINT,
    `position` INT,
    gap_ahead DOUBLE,
    gap_behind DOUBLE,
    tyre_compound STRING,
    tyre_age INT,
    tyre_wear DOUBLE,
    fuel DOUBLE,
    pit_in BOOLEAN,
    pit_out BOOLEAN,
    track_status STRING,
    avg_speed DOUBLE,
    top_speed DOUBLE,
    full_throttle_pct DOUBLE,
    braking_pct DOUBLE,
    fuel_used DOUBLE,
    tyre_wear_delta DOUBLE,
    peak_tyre_temp DOUBLE,
    peak_brake_temp DOUBLE,
    peak_engine_temp DOUBLE,
    samples INT,
    event_time AS TO_TIMESTAMP_LTZ(lap_end_ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'f1.laps',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

CREATE TABLE IF NOT EXISTS kafka.f1_decisions (
    race_id STRING,
    car INT,
    driver STRING,
    lap INT,
    ts BIGINT,
    `trigger` STRING,
    `call` STRING,
    reason STRING,
    stint INT,
    tyre_compound STRING,
    tyre_age INT,
    stint_health DOUBLE,
    pit_window_probability DOUBLE,
    laps_to_cliff DOUBLE,
    degradation_per_lap DOUBLE,
    fuel_to_flag DOUBLE,
    laps_remaining INT,
    undercut_threat BOOLEAN,
    undercut_opportunity BOOLEAN,
    track_status STRING,
    `position` INT,
    event_time AS TO_TIMESTAMP_LTZ(ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'f1.decisions',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

CREATE TABLE IF NOT EXISTS kafka.f1_alerts (
    alert_id STRING,
    race_id STRING,
    car INT,
    driver STRING,
    type STRING,
    severity STRING,
    start_ts BIGINT,
    end_ts BIGINT,
    status STRING,
    evidence STRING,
    lap INT,
    event_time AS TO_TIMESTAMP_LTZ(start_ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'f1.alerts',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

CREATE TABLE IF NOT EXISTS kafka.f1_dead_letters (
    id STRING,
    job STRING,
    source_topic STRING,
    source_partition INT,
    source_offset BIGINT,
    reason STRING,
    detail STRING,
    `key` STRING,
    payload STRING,
    rejected_at BIGINT,
    event_time AS TO_TIMESTAMP_LTZ(rejected_at, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'f1.dead-letters',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

-- Telemetry that arrived behind the watermark, as received (the job's --late-topic).
CREATE TABLE IF NOT EXISTS kafka.f1_telemetry_late WITH ('topic' = 'f1.telemetry.late')
LIKE kafka.f1_telemetry;

-- ---------------------------------------------------------------------------------------------
-- pitwall: PostgreSQL (sql/migrations/V001__pitwall_schema.sql)
-- ---------------------------------------------------------------------------------------------

CREATE VIEW IF NOT EXISTS pg.telemetry AS SELECT * FROM postgres.`${JDBC_DATABASE}`.telemetry;

CREATE VIEW IF NOT EXISTS pg.laps AS SELECT * FROM postgres.`${JDBC_DATABASE}`.laps;

CREATE VIEW IF NOT EXISTS pg.strategy_decisions AS SELECT * FROM postgres.`${JDBC_DATABASE}`.strategy_decisions;

CREATE VIEW IF NOT EXISTS pg.alerts AS SELECT * FROM postgres.`${JDBC_DATABASE}`.alerts;

-- ---------------------------------------------------------------------------------------------
-- factory: Kafka
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS kafka.factory_readings (
    ts BIGINT,
    machine STRING,
    sensor STRING,
    `value` DOUBLE,
    event_time AS TO_TIMESTAMP_LTZ(ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '2' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'factory.readings',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

CREATE TABLE IF NOT EXISTS kafka.factory_anomalies (
    anomaly_id STRING,
    machine STRING,
    sensor STRING,
    kind STRING,
    phase STRING,
    start_ts BIGINT,
    ts BIGINT,
    `value` DOUBLE,
    baseline DOUBLE,
    std DOUBLE,
    z DOUBLE,
    peak_z DOUBLE,
    score DOUBLE,
    readings BIGINT,
    event_time AS TO_TIMESTAMP_LTZ(ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'factory.anomalies',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

CREATE TABLE IF NOT EXISTS kafka.factory_alerts (
    alert_id STRING,
    machine STRING,
    type STRING,
    sensor STRING,
    severity STRING,
    status STRING,
    raised_ts BIGINT,
    start_ts BIGINT,
    end_ts BIGINT,
    evidence STRING,
    event_time AS TO_TIMESTAMP_LTZ(raised_ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'factory.alerts',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

CREATE TABLE IF NOT EXISTS kafka.factory_dead_letters WITH ('topic' = 'factory.dead-letters')
LIKE kafka.f1_dead_letters;

CREATE TABLE IF NOT EXISTS kafka.factory_readings_late WITH ('topic' = 'factory.readings.late')
LIKE kafka.factory_readings;

-- ---------------------------------------------------------------------------------------------
-- factory: PostgreSQL (sql/migrations/V004__factory_schema.sql)
-- ---------------------------------------------------------------------------------------------

CREATE VIEW IF NOT EXISTS pg.sensor_readings AS SELECT * FROM postgres.`${JDBC_DATABASE}`.sensor_readings;

CREATE VIEW IF NOT EXISTS pg.machine_anomalies AS SELECT * FROM postgres.`${JDBC_DATABASE}`.machine_anomalies;

CREATE VIEW IF NOT EXISTS pg.maintenance_alerts AS SELECT * FROM postgres.`${JDBC_DATABASE}`.maintenance_alerts;

CREATE VIEW IF NOT EXISTS pg.sensor_stats AS SELECT * FROM postgres.`${JDBC_DATABASE}`.sensor_stats;

-- ---------------------------------------------------------------------------------------------
-- cityflow: Kafka (JSON field names are snake_case; unknown flow/occupancy arrive as null or NaN)
-- ---------------------------------------------------------------------------------------------

-- Road sensor readings, as the city generator or a replayed recording sends them.
CREATE TABLE IF NOT EXISTS kafka.city_readings (
    ts BIGINT,
    sensor STRING,
    road STRING,
    speed DOUBLE,
    flow DOUBLE,
    occupancy DOUBLE,
    event_time AS TO_TIMESTAMP_LTZ(ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'city.readings',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

-- The road graph (compacted: the latest record per road is the road).
CREATE TABLE IF NOT EXISTS kafka.city_roads (
    road STRING,
    `from` STRING,
    `to` STRING,
    length_m DOUBLE,
    lanes INT,
    free_flow_kmh DOUBLE,
    capacity_vph DOUBLE,
    from_lat DOUBLE,
    from_lon DOUBLE,
    to_lat DOUBLE,
    to_lon DOUBLE,
    removed BOOLEAN,
    ts BIGINT
) WITH (
    'connector' = 'kafka',
    'topic' = 'city.roads',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

-- Each road's true state per simulated minute (the simulator's; for scoring predictions).
CREATE TABLE IF NOT EXISTS kafka.city_truth (
    ts BIGINT,
    road STRING,
    speed_kmh DOUBLE,
    flow_vph DOUBLE,
    occupancy DOUBLE,
    congestion DOUBLE,
    incident BOOLEAN,
    event_time AS TO_TIMESTAMP_LTZ(ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '1' MINUTE
) WITH (
    'connector' = 'kafka',
    'topic' = 'city.truth',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

-- One forecast per road and minute: `score` is the congestion predicted horizon_min ahead, `now`
-- the congestion measured (persistence's prediction), `baseline` the seed's 40/40/20 formula.
CREATE TABLE IF NOT EXISTS kafka.city_predictions (
    ts BIGINT,
    road STRING,
    horizon_min INT,
    score DOUBLE,
    confidence DOUBLE,
    model_version STRING,
    `now` DOUBLE,
    baseline DOUBLE,
    speed DOUBLE,
    flow DOUBLE,
    occupancy DOUBLE,
    free_flow_kmh DOUBLE,
    trend_per_min DOUBLE,
    travel_min DOUBLE,
    predicted_travel_min DOUBLE,
    readings INT,
    event_time AS TO_TIMESTAMP_LTZ(ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '1' MINUTE
) WITH (
    'connector' = 'kafka',
    'topic' = 'city.predictions',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

CREATE TABLE IF NOT EXISTS kafka.city_reroutes (
    ts BIGINT,
    route_id STRING,
    alt_route_id STRING,
    reason STRING,
    road STRING,
    `rank` INT,
    origin STRING,
    destination STRING,
    predicted_score DOUBLE,
    route_eta_min DOUBLE,
    alt_eta_min DOUBLE,
    eta_gain_min DOUBLE,
    route_length_m DOUBLE,
    alt_length_m DOUBLE,
    route_co2_g DOUBLE,
    alt_co2_g DOUBLE,
    co2_gain_g DOUBLE,
    event_time AS TO_TIMESTAMP_LTZ(ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '1' MINUTE
) WITH (
    'connector' = 'kafka',
    'topic' = 'city.reroutes',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

CREATE TABLE IF NOT EXISTS kafka.city_incidents (
    incident_id STRING,
    road STRING,
    kind STRING,
    status STRING,
    raised_ts BIGINT,
    start_ts BIGINT,
    end_ts BIGINT,
    severity STRING,
    speed_ratio DOUBLE,
    downstream_ratio DOUBLE,
    occupancy DOUBLE,
    detail STRING,
    event_time AS TO_TIMESTAMP_LTZ(raised_ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '1' MINUTE
) WITH (
    'connector' = 'kafka',
    'topic' = 'city.incidents',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

-- Records the cityflow job could not use (malformed, a missing field, out of range, an unknown
-- road), with why; the same rows as pg.dead_letters with job 'cityflow'.
CREATE TABLE IF NOT EXISTS kafka.city_dead_letters (
    id STRING,
    job STRING,
    source_topic STRING,
    source_partition INT,
    source_offset BIGINT,
    reason STRING,
    detail STRING,
    `key` STRING,
    payload STRING,
    rejected_at BIGINT,
    event_time AS TO_TIMESTAMP_LTZ(rejected_at, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'city.dead-letters',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

-- Readings that arrived after their minute was closed, as they were sent.
CREATE TABLE IF NOT EXISTS kafka.city_readings_late (
    ts BIGINT,
    sensor STRING,
    road STRING,
    speed DOUBLE,
    flow DOUBLE,
    occupancy DOUBLE,
    event_time AS TO_TIMESTAMP_LTZ(ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'city.readings.late',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

-- ---------------------------------------------------------------------------------------------
-- cityflow: PostgreSQL
-- ---------------------------------------------------------------------------------------------

CREATE VIEW IF NOT EXISTS pg.roads AS SELECT * FROM postgres.`${JDBC_DATABASE}`.roads;

CREATE VIEW IF NOT EXISTS pg.traffic_raw AS SELECT * FROM postgres.`${JDBC_DATABASE}`.traffic_raw;

CREATE VIEW IF NOT EXISTS pg.predictions AS SELECT * FROM postgres.`${JDBC_DATABASE}`.predictions;

CREATE VIEW IF NOT EXISTS pg.reroutes AS SELECT * FROM postgres.`${JDBC_DATABASE}`.reroutes;

CREATE VIEW IF NOT EXISTS pg.incidents AS SELECT * FROM postgres.`${JDBC_DATABASE}`.incidents;

-- ---------------------------------------------------------------------------------------------
-- All jobs: PostgreSQL
-- ---------------------------------------------------------------------------------------------

CREATE VIEW IF NOT EXISTS pg.dead_letters AS SELECT * FROM postgres.`${JDBC_DATABASE}`.dead_letters;
