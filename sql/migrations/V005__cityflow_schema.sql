-- The cityflow job: the road graph it routes on, raw sensor readings, per-road congestion now and
-- predicted at T+30 min, reroute recommendations and incidents. Primary keys are deterministic and
-- include the time column (except the graph), so replays rewrite rows and tables can become
-- hypertables. Dead letters go to the shared dead_letters table with job = 'cityflow'.

-- The road graph as the job last saw it on the roads topic, one row per directed road, with the
-- junctions' positions so dashboards can draw it.
CREATE TABLE roads (
    road_id       text             NOT NULL PRIMARY KEY,
    from_node     text             NOT NULL,
    to_node       text             NOT NULL,
    length_m      double precision NOT NULL,
    lanes         integer          NOT NULL,
    free_flow_kmh double precision NOT NULL,
    capacity_vph  double precision NOT NULL,
    from_lat      double precision,
    from_lon      double precision,
    to_lat        double precision,
    to_lon        double precision,
    removed       boolean          NOT NULL DEFAULT false,
    updated_at    timestamptz      NOT NULL
);

-- The seed's table: one row per sensor reading (flow and occupancy are null for speed-only sensors).
CREATE TABLE traffic_raw (
    ts        timestamptz      NOT NULL,
    sensor_id text             NOT NULL,
    road_id   text             NOT NULL,
    speed_kmh double precision NOT NULL,
    flow_rate double precision,
    occupancy double precision,
    PRIMARY KEY (ts, sensor_id)
);

-- One row per road per minute (ts = the end of the minute): the seed's columns, then what the
-- prediction was made from and the two baselines it is scored against (see README, cityflow).
CREATE TABLE predictions (
    ts                        timestamptz      NOT NULL,
    road_id                   text             NOT NULL,
    horizon_min               integer          NOT NULL DEFAULT 30,
    congestion_score          double precision NOT NULL,
    confidence                double precision,
    model_version             text             NOT NULL,
    congestion_now            double precision NOT NULL,
    baseline_score            double precision,
    speed_kmh                 double precision,
    flow_rate                 double precision,
    occupancy                 double precision,
    free_flow_kmh             double precision,
    trend_per_min             double precision,
    travel_time_min           double precision,
    predicted_travel_time_min double precision,
    readings                  integer,
    PRIMARY KEY (ts, road_id, horizon_min)
);

-- Alternatives to a route through a road predicted congested: the seed's columns, then the two
-- routes' road lists, times, lengths and CO2 so the gains can be checked.
CREATE TABLE reroutes (
    ts                 timestamptz      NOT NULL,
    route_id           text             NOT NULL,
    alt_route_id       text             NOT NULL,
    reason             text             NOT NULL,
    estimated_co2_gain double precision,
    eta_gain_min       double precision,
    road_id            text             NOT NULL,
    rank               integer          NOT NULL,
    origin             text             NOT NULL,
    destination        text             NOT NULL,
    predicted_score    double precision NOT NULL,
    route_eta_min      double precision NOT NULL,
    alt_eta_min        double precision NOT NULL,
    route_length_m     double precision NOT NULL,
    alt_length_m       double precision NOT NULL,
    route_co2_g        double precision NOT NULL,
    alt_co2_g          double precision NOT NULL,
    PRIMARY KEY (ts, route_id, alt_route_id)
);

-- One row per incident or congestion onset, updated until it clears; ts = when it was raised.
CREATE TABLE incidents (
    incident_id      text             NOT NULL,
    ts               timestamptz      NOT NULL,
    road_id          text             NOT NULL,
    kind             text             NOT NULL,
    status           text             NOT NULL,
    start_ts         timestamptz      NOT NULL,
    end_ts           timestamptz      NOT NULL,
    severity         text             NOT NULL,
    speed_ratio      double precision,
    downstream_ratio double precision,
    occupancy        double precision,
    detail           text,
    PRIMARY KEY (incident_id, ts)
);

CREATE INDEX traffic_raw_road_ts ON traffic_raw (road_id, ts DESC);
CREATE INDEX predictions_road_ts ON predictions (road_id, ts DESC);
CREATE INDEX reroutes_road_ts ON reroutes (road_id, ts DESC);
CREATE INDEX incidents_open ON incidents (status, road_id);

DO $migration$
BEGIN
    IF streamwall_timescaledb() THEN

        PERFORM create_hypertable('traffic_raw', by_range('ts', INTERVAL '1 day'), migrate_data => true);
        PERFORM create_hypertable('predictions', by_range('ts', INTERVAL '7 days'), migrate_data => true);
        PERFORM create_hypertable('reroutes', by_range('ts', INTERVAL '7 days'), migrate_data => true);
        PERFORM create_hypertable('incidents', by_range('ts', INTERVAL '30 days'), migrate_data => true);

        ALTER TABLE traffic_raw SET (timescaledb.compress,
            timescaledb.compress_segmentby = 'road_id, sensor_id', timescaledb.compress_orderby = 'ts');
        PERFORM add_compression_policy('traffic_raw', INTERVAL '1 day');
        PERFORM add_retention_policy('traffic_raw', INTERVAL '30 days');
    END IF;
END
$migration$;
