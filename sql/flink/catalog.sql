-- The streamwall catalog for Flink SQL: every Kafka topic (JSON, event-time watermark) in the
-- database `kafka`, every PostgreSQL/TimescaleDB table (JDBC connector) in the database `pg`.
--
-- The ${...} placeholders are filled in by `./streamwall sql` (or by `envsubst` before Flink's own
-- sql-client.sh -i): KAFKA_BOOTSTRAP, KAFKA_BOUNDED_MODE (unbounded: live queries that keep
-- running; latest-offset: a snapshot of what is in the topic now), JDBC_URL, JDBC_USER,
-- JDBC_PASSWORD (from the environment, never written down).
--
-- The JDBC connector reads PostgreSQL timestamptz columns as TIMESTAMP(3) in the time zone of the
-- JVM running the query (UTC in the streamwall image; run `./streamwall sql` with TZ=UTC to match).
--
-- Kafka tables skip records that are not valid JSON: the jobs dead-letter those, and
-- pg.dead_letters / kafka.*_dead_letters are where they are counted.

CREATE DATABASE IF NOT EXISTS kafka;
CREATE DATABASE IF NOT EXISTS pg;

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
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
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
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

CREATE TABLE IF NOT EXISTS kafka.f1_decisions (
    call_id STRING,
    race_id STRING,
    car INT,
    driver STRING,
    lap INT,
    ts BIGINT,
    `trigger` STRING,
    `call` STRING,
    from_lap INT,
    to_lap INT,
    probability DOUBLE,
    reason STRING,
    stint INT,
    tyre_compound STRING,
    tyre_age INT,
    laps_remaining INT,
    track_status STRING,
    `position` INT,
    event_time AS TO_TIMESTAMP_LTZ(ts, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'f1.decisions',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
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
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
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
    payload_encoding STRING,
    payload_size INT,
    payload_sha256 STRING,
    rejected_at BIGINT,
    event_time AS TO_TIMESTAMP_LTZ(rejected_at, 3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'f1.dead-letters',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP}',
    'properties.group.id' = 'streamwall-sql',
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
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

CREATE TABLE IF NOT EXISTS pg.telemetry (
    race_id STRING,
    car SMALLINT,
    ts TIMESTAMP(3),
    driver STRING,
    team STRING,
    lap SMALLINT,
    total_laps SMALLINT,
    sector SMALLINT,
    lap_distance FLOAT,
    speed FLOAT,
    throttle FLOAT,
    brake FLOAT,
    gear SMALLINT,
    rpm INT,
    drs BOOLEAN,
    g_lat FLOAT,
    g_long FLOAT,
    tyre_compound STRING,
    tyre_age SMALLINT,
    tyre_temp_fl FLOAT,
    tyre_temp_fr FLOAT,
    tyre_temp_rl FLOAT,
    tyre_temp_rr FLOAT,
    tyre_pressure_fl FLOAT,
    tyre_pressure_fr FLOAT,
    tyre_pressure_rl FLOAT,
    tyre_pressure_rr FLOAT,
    tyre_wear FLOAT,
    brake_temp_fl FLOAT,
    brake_temp_fr FLOAT,
    brake_temp_rl FLOAT,
    brake_temp_rr FLOAT,
    engine_temp FLOAT,
    fuel FLOAT,
    track_status STRING,
    `position` SMALLINT,
    gap_ahead FLOAT,
    gap_behind FLOAT,
    in_pit BOOLEAN,
    PRIMARY KEY (race_id, car, ts) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'telemetry',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

CREATE TABLE IF NOT EXISTS pg.laps (
    race_id STRING,
    car SMALLINT,
    lap SMALLINT,
    ts TIMESTAMP(3),
    lap_start TIMESTAMP(3),
    driver STRING,
    team STRING,
    total_laps SMALLINT,
    lap_time_ms INT,
    sector1_ms INT,
    sector2_ms INT,
    sector3_ms INT,
    `position` SMALLINT,
    gap_ahead FLOAT,
    gap_behind FLOAT,
    avg_speed FLOAT,
    top_speed FLOAT,
    full_throttle_pct FLOAT,
    braking_pct FLOAT,
    fuel_used FLOAT,
    fuel FLOAT,
    tyre_compound STRING,
    tyre_age SMALLINT,
    tyre_wear FLOAT,
    tyre_wear_delta FLOAT,
    peak_tyre_temp FLOAT,
    peak_brake_temp FLOAT,
    peak_engine_temp FLOAT,
    peak_g_lat FLOAT,
    peak_g_brake FLOAT,
    peak_g_accel FLOAT,
    pit_in BOOLEAN,
    pit_out BOOLEAN,
    track_status STRING,
    samples INT,
    PRIMARY KEY (race_id, car, lap, ts) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'laps',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

CREATE TABLE IF NOT EXISTS pg.stint_outlook (
    race_id STRING,
    car SMALLINT,
    ts TIMESTAMP(3),
    `trigger` STRING,
    driver STRING,
    lap SMALLINT,
    `call` STRING,
    reason STRING,
    stint SMALLINT,
    tyre_compound STRING,
    tyre_age SMALLINT,
    stint_health FLOAT,
    pit_window_probability FLOAT,
    window_from SMALLINT,
    window_to SMALLINT,
    laps_to_cliff FLOAT,
    degradation_per_lap FLOAT,
    fuel_to_flag FLOAT,
    laps_remaining SMALLINT,
    undercut_threat BOOLEAN,
    undercut_opportunity BOOLEAN,
    track_status STRING,
    `position` SMALLINT,
    PRIMARY KEY (race_id, car, ts, `trigger`) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'stint_outlook',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

CREATE TABLE IF NOT EXISTS pg.strategy_decisions (
    race_id STRING,
    car SMALLINT,
    ts TIMESTAMP(3),
    `call` STRING,
    call_id STRING,
    `trigger` STRING,
    driver STRING,
    lap SMALLINT,
    from_lap SMALLINT,
    to_lap SMALLINT,
    probability FLOAT,
    reason STRING,
    stint SMALLINT,
    tyre_compound STRING,
    tyre_age SMALLINT,
    laps_remaining SMALLINT,
    track_status STRING,
    `position` SMALLINT,
    PRIMARY KEY (race_id, car, ts, `call`) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'strategy_decisions',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

CREATE TABLE IF NOT EXISTS pg.alerts (
    alert_id STRING,
    ts TIMESTAMP(3),
    race_id STRING,
    car SMALLINT,
    driver STRING,
    type STRING,
    severity STRING,
    end_ts TIMESTAMP(3),
    status STRING,
    lap SMALLINT,
    evidence STRING,
    PRIMARY KEY (alert_id, ts) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'alerts',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

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
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
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
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
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
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
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

CREATE TABLE IF NOT EXISTS pg.sensor_readings (
    machine STRING,
    sensor STRING,
    ts TIMESTAMP(3),
    `value` DOUBLE,
    baseline FLOAT,
    z FLOAT,
    score FLOAT,
    PRIMARY KEY (machine, sensor, ts) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'sensor_readings',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

CREATE TABLE IF NOT EXISTS pg.machine_anomalies (
    anomaly_id STRING,
    ts TIMESTAMP(3),
    machine STRING,
    sensor STRING,
    kind STRING,
    status STRING,
    end_ts TIMESTAMP(3),
    `value` DOUBLE,
    baseline FLOAT,
    std FLOAT,
    z FLOAT,
    peak_z FLOAT,
    score FLOAT,
    readings BIGINT,
    PRIMARY KEY (anomaly_id, ts) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'machine_anomalies',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

CREATE TABLE IF NOT EXISTS pg.maintenance_alerts (
    alert_id STRING,
    ts TIMESTAMP(3),
    machine STRING,
    type STRING,
    sensor STRING,
    severity STRING,
    status STRING,
    start_ts TIMESTAMP(3),
    end_ts TIMESTAMP(3),
    evidence STRING,
    PRIMARY KEY (alert_id, ts) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'maintenance_alerts',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

CREATE TABLE IF NOT EXISTS pg.sensor_stats (
    machine STRING,
    sensor STRING,
    window_end TIMESTAMP(3),
    window_start TIMESTAMP(3),
    n BIGINT,
    mean DOUBLE,
    std DOUBLE,
    `min` DOUBLE,
    `max` DOUBLE,
    `sum` DOUBLE,
    sum_sq DOUBLE,
    mean_score FLOAT,
    max_score FLOAT,
    PRIMARY KEY (machine, sensor, window_end) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'sensor_stats',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

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
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
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
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
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
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
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
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
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
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
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
    -- The jobs' outputs are transactional (exactly-once): read what was committed.
    'properties.isolation.level' = 'read_committed',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = '${KAFKA_BOUNDED_MODE}',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

-- Records the cityflow job could not use (malformed, a missing field, out of range, an unknown
-- road), with why; the same rows as pg.dead_letters with job 'cityflow'.
CREATE TABLE IF NOT EXISTS kafka.city_dead_letters WITH ('topic' = 'city.dead-letters')
LIKE kafka.f1_dead_letters;

-- Readings that arrived after their minute was closed, as they were sent.
CREATE TABLE IF NOT EXISTS kafka.city_readings_late WITH ('topic' = 'city.readings.late')
LIKE kafka.city_readings;

-- ---------------------------------------------------------------------------------------------
-- cityflow: PostgreSQL
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS pg.roads (
    road_id STRING,
    from_node STRING,
    to_node STRING,
    length_m DOUBLE,
    lanes INT,
    free_flow_kmh DOUBLE,
    capacity_vph DOUBLE,
    from_lat DOUBLE,
    from_lon DOUBLE,
    to_lat DOUBLE,
    to_lon DOUBLE,
    removed BOOLEAN,
    updated_at TIMESTAMP(3),
    PRIMARY KEY (road_id) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'roads',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

CREATE TABLE IF NOT EXISTS pg.traffic_raw (
    ts TIMESTAMP(3),
    sensor_id STRING,
    road_id STRING,
    speed_kmh DOUBLE,
    flow_rate DOUBLE,
    occupancy DOUBLE,
    PRIMARY KEY (ts, sensor_id) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'traffic_raw',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

CREATE TABLE IF NOT EXISTS pg.predictions (
    ts TIMESTAMP(3),
    road_id STRING,
    horizon_min INT,
    congestion_score DOUBLE,
    confidence DOUBLE,
    model_version STRING,
    congestion_now DOUBLE,
    baseline_score DOUBLE,
    speed_kmh DOUBLE,
    flow_rate DOUBLE,
    occupancy DOUBLE,
    free_flow_kmh DOUBLE,
    trend_per_min DOUBLE,
    travel_time_min DOUBLE,
    predicted_travel_time_min DOUBLE,
    readings INT,
    predicted_speed_kmh DOUBLE,
    explanation STRING,
    PRIMARY KEY (ts, road_id, horizon_min) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'predictions',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

CREATE TABLE IF NOT EXISTS pg.reroutes (
    ts TIMESTAMP(3),
    route_id STRING,
    alt_route_id STRING,
    reason STRING,
    estimated_co2_gain DOUBLE,
    eta_gain_min DOUBLE,
    road_id STRING,
    `rank` INT,
    origin STRING,
    destination STRING,
    predicted_score DOUBLE,
    route_eta_min DOUBLE,
    alt_eta_min DOUBLE,
    route_length_m DOUBLE,
    alt_length_m DOUBLE,
    route_co2_g DOUBLE,
    alt_co2_g DOUBLE,
    PRIMARY KEY (ts, route_id, alt_route_id) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'reroutes',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

CREATE TABLE IF NOT EXISTS pg.incidents (
    incident_id STRING,
    ts TIMESTAMP(3),
    road_id STRING,
    kind STRING,
    status STRING,
    start_ts TIMESTAMP(3),
    end_ts TIMESTAMP(3),
    severity STRING,
    speed_ratio DOUBLE,
    downstream_ratio DOUBLE,
    occupancy DOUBLE,
    detail STRING,
    PRIMARY KEY (incident_id, ts) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'incidents',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);

-- ---------------------------------------------------------------------------------------------
-- All jobs: PostgreSQL
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS pg.dead_letters (
    id STRING,
    job STRING,
    source_topic STRING,
    source_partition INT,
    source_offset BIGINT,
    reason STRING,
    detail STRING,
    record_key STRING,
    payload STRING,
    payload_encoding STRING,
    payload_size INT,
    payload_sha256 STRING,
    rejected_at TIMESTAMP(3),
    PRIMARY KEY (id) NOT ENFORCED
) WITH (
    'connector' = 'jdbc',
    'url' = '${JDBC_URL}',
    'table-name' = 'dead_letters',
    'username' = '${JDBC_USER}',
    'password' = '${JDBC_PASSWORD}'
);
