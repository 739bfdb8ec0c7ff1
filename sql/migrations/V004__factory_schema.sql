-- The factory job: machine sensor readings with their anomaly scores, anomaly episodes,
-- maintenance alerts and windowed per-sensor statistics. Every primary key is deterministic and
-- includes the time column, so replays rewrite rows and the tables can become hypertables.
-- Dead letters go to the shared dead_letters table with job = 'factory'.

-- The seed's table: one row per (machine, sensor, ts), with the job's baseline, z-score and score.
CREATE TABLE sensor_readings (
    machine  text             NOT NULL,
    sensor   text             NOT NULL,
    ts       timestamptz      NOT NULL,
    value    double precision NOT NULL,
    baseline real,
    z        real,
    score    real,
    PRIMARY KEY (machine, sensor, ts)
);

-- One row per anomaly episode (HIGH, LOW, STUCK or SPIKE), updated while it lasts; ts = its start.
CREATE TABLE machine_anomalies (
    anomaly_id text             NOT NULL,
    ts         timestamptz      NOT NULL,
    machine    text             NOT NULL,
    sensor     text             NOT NULL,
    kind       text             NOT NULL,
    status     text             NOT NULL,
    end_ts     timestamptz      NOT NULL,
    value      double precision,
    baseline   real,
    std        real,
    z          real,
    peak_z     real,
    score      real,
    readings   bigint,
    PRIMARY KEY (anomaly_id, ts)
);

-- One row per alert; ts = the event time it was raised (start_ts: its first evidence).
CREATE TABLE maintenance_alerts (
    alert_id text        NOT NULL,
    ts       timestamptz NOT NULL,
    machine  text        NOT NULL,
    type     text        NOT NULL,
    sensor   text        NOT NULL,
    severity text        NOT NULL,
    status   text        NOT NULL,
    start_ts timestamptz NOT NULL,
    end_ts   timestamptz NOT NULL,
    evidence text,
    PRIMARY KEY (alert_id, ts)
);

-- Sliding-window statistics per machine sensor; sums let windows combine exactly
-- (see sql/queries/factory-predict.sql).
CREATE TABLE sensor_stats (
    machine      text             NOT NULL,
    sensor       text             NOT NULL,
    window_end   timestamptz      NOT NULL,
    window_start timestamptz      NOT NULL,
    n            bigint           NOT NULL,
    mean         double precision NOT NULL,
    std          double precision NOT NULL,
    min          double precision NOT NULL,
    max          double precision NOT NULL,
    sum          double precision NOT NULL,
    sum_sq       double precision NOT NULL,
    mean_score   real,
    max_score    real,
    PRIMARY KEY (machine, sensor, window_end)
);

CREATE INDEX sensor_readings_ts ON sensor_readings (ts DESC);
CREATE INDEX machine_anomalies_open ON machine_anomalies (status, machine);
CREATE INDEX maintenance_alerts_open ON maintenance_alerts (status, machine);
CREATE INDEX sensor_stats_end ON sensor_stats (window_end DESC);

DO $migration$
BEGIN
    IF streamwall_timescaledb() THEN

        PERFORM create_hypertable('sensor_readings', by_range('ts', INTERVAL '1 day'), migrate_data => true);
        PERFORM create_hypertable('machine_anomalies', by_range('ts', INTERVAL '7 days'), migrate_data => true);
        PERFORM create_hypertable('maintenance_alerts', by_range('ts', INTERVAL '30 days'), migrate_data => true);
        PERFORM create_hypertable('sensor_stats', by_range('window_end', INTERVAL '7 days'), migrate_data => true);

        ALTER TABLE sensor_readings SET (timescaledb.compress,
            timescaledb.compress_segmentby = 'machine, sensor', timescaledb.compress_orderby = 'ts');
        PERFORM add_compression_policy('sensor_readings', INTERVAL '1 day');
        PERFORM add_retention_policy('sensor_readings', INTERVAL '30 days');
        PERFORM add_retention_policy('sensor_stats', INTERVAL '365 days');
    END IF;
END
$migration$;
