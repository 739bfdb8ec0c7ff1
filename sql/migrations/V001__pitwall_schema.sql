-- The pitwall job's tables. Every primary key is deterministic and includes the time column `ts`,
-- so the job's upserts are idempotent and the tables can become TimescaleDB hypertables (V002).

CREATE TABLE telemetry (
    race_id          text        NOT NULL,
    car              smallint    NOT NULL,
    ts               timestamptz NOT NULL,
    driver           text        NOT NULL,
    team             text        NOT NULL,
    lap              smallint    NOT NULL,
    total_laps       smallint    NOT NULL,
    sector           smallint    NOT NULL,
    lap_distance     real        NOT NULL,
    speed            real        NOT NULL,
    throttle         real        NOT NULL,
    brake            real        NOT NULL,
    gear             smallint    NOT NULL,
    rpm              integer     NOT NULL,
    drs              boolean     NOT NULL,
    g_lat            real        NOT NULL,
    g_long           real        NOT NULL,
    tyre_compound    text        NOT NULL,
    tyre_age         smallint    NOT NULL,
    tyre_temp_fl     real        NOT NULL,
    tyre_temp_fr     real        NOT NULL,
    tyre_temp_rl     real        NOT NULL,
    tyre_temp_rr     real        NOT NULL,
    tyre_pressure_fl real        NOT NULL,
    tyre_pressure_fr real        NOT NULL,
    tyre_pressure_rl real        NOT NULL,
    tyre_pressure_rr real        NOT NULL,
    tyre_wear        real        NOT NULL,
    brake_temp_fl    real        NOT NULL,
    brake_temp_fr    real        NOT NULL,
    brake_temp_rl    real        NOT NULL,
    brake_temp_rr    real        NOT NULL,
    engine_temp      real        NOT NULL,
    fuel             real        NOT NULL,
    track_status     text        NOT NULL,
    position         smallint    NOT NULL,
    gap_ahead        real,
    gap_behind       real,
    in_pit           boolean     NOT NULL,
    PRIMARY KEY (race_id, car, ts)
);

CREATE TABLE laps (
    race_id            text        NOT NULL,
    car                smallint    NOT NULL,
    lap                smallint    NOT NULL,
    ts                 timestamptz NOT NULL, -- when the car crossed the line to close the lap
    lap_start          timestamptz NOT NULL,
    driver             text        NOT NULL,
    team               text        NOT NULL,
    total_laps         smallint    NOT NULL,
    lap_time_ms        integer     NOT NULL,
    sector1_ms         integer,
    sector2_ms         integer,
    sector3_ms         integer,
    position           smallint    NOT NULL,
    gap_ahead          real,
    gap_behind         real,
    avg_speed          real        NOT NULL,
    top_speed          real        NOT NULL,
    full_throttle_pct  real        NOT NULL,
    braking_pct        real        NOT NULL,
    fuel_used          real        NOT NULL,
    fuel               real,
    tyre_compound      text,
    tyre_age           smallint,
    tyre_wear          real,
    tyre_wear_delta    real        NOT NULL,
    peak_tyre_temp     real        NOT NULL,
    peak_brake_temp    real        NOT NULL,
    peak_engine_temp   real        NOT NULL,
    peak_g_lat         real        NOT NULL,
    peak_g_brake       real        NOT NULL,
    peak_g_accel       real        NOT NULL,
    pit_in             boolean     NOT NULL,
    pit_out            boolean     NOT NULL,
    track_status       text        NOT NULL,
    samples            integer     NOT NULL,
    PRIMARY KEY (race_id, car, lap, ts)
);

CREATE TABLE strategy_decisions (
    race_id                text             NOT NULL,
    car                    smallint         NOT NULL,
    ts                     timestamptz      NOT NULL,
    trigger                text             NOT NULL, -- LAP or TRACK_STATUS
    driver                 text,
    lap                    smallint         NOT NULL,
    call                   text             NOT NULL, -- STAY_OUT, PREPARE, BOX_NOW, BOX_OPPORTUNITY
    reason                 text             NOT NULL,
    stint                  smallint         NOT NULL,
    tyre_compound          text,
    tyre_age               smallint         NOT NULL,
    stint_health           real             NOT NULL,
    pit_window_probability real             NOT NULL,
    laps_to_cliff          real,
    degradation_per_lap    real,
    fuel_to_flag           real,
    laps_remaining         smallint         NOT NULL,
    undercut_threat        boolean          NOT NULL,
    undercut_opportunity   boolean          NOT NULL,
    track_status           text             NOT NULL,
    position               smallint         NOT NULL,
    PRIMARY KEY (race_id, car, ts, trigger)
);

CREATE TABLE alerts (
    alert_id  text        NOT NULL, -- race/car/type/start
    ts        timestamptz NOT NULL, -- start of the anomaly
    race_id   text        NOT NULL,
    car       smallint    NOT NULL,
    driver    text,
    type      text        NOT NULL,
    severity  text        NOT NULL,
    end_ts    timestamptz NOT NULL,
    status    text        NOT NULL, -- OPEN or CLOSED
    lap       smallint    NOT NULL,
    evidence  text        NOT NULL,
    PRIMARY KEY (alert_id, ts)
);

-- Records a job could not use. Keyed by their Kafka coordinates, so a replay rewrites the same row.
CREATE TABLE dead_letters (
    id               text        NOT NULL PRIMARY KEY,
    job              text        NOT NULL,
    source_topic     text        NOT NULL,
    source_partition integer     NOT NULL,
    source_offset    bigint      NOT NULL,
    reason           text        NOT NULL,
    detail           text,
    record_key       text,
    payload          text,
    rejected_at      timestamptz NOT NULL
);

CREATE INDEX laps_race_lap ON laps (race_id, lap);
CREATE INDEX decisions_race_car_ts ON strategy_decisions (race_id, car, ts DESC);
CREATE INDEX alerts_open ON alerts (race_id, status, car);
CREATE INDEX dead_letters_reason ON dead_letters (job, reason);
