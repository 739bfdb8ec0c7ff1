-- Pit calls with a lifecycle. Until now `strategy_decisions` held the strategy model's view of every
-- car after every lap and track-status change, so a stop was "called" on many laps in a row. That
-- per-lap view is now `stint_outlook` (the old table, renamed with its rows, plus the window of
-- in-laps the model expects), and `strategy_decisions` holds decisions only: one call per stop,
-- opened as PREPARE with its window (or as BOX_NOW / BOX_OPPORTUNITY), advanced to BOX_NOW once,
-- closed as PITTED or WITHDRAWN with the reason.

ALTER TABLE strategy_decisions RENAME TO stint_outlook;
ALTER TABLE stint_outlook RENAME CONSTRAINT strategy_decisions_pkey TO stint_outlook_pkey;
ALTER TABLE stint_outlook ADD COLUMN window_from smallint, ADD COLUMN window_to smallint;

CREATE TABLE strategy_decisions (
    race_id        text        NOT NULL,
    car            smallint    NOT NULL,
    ts             timestamptz NOT NULL,
    call           text        NOT NULL, -- PREPARE, BOX_NOW, BOX_OPPORTUNITY, PITTED, WITHDRAWN
    call_id        text        NOT NULL, -- race/car/stint: the steps of one call
    trigger        text        NOT NULL, -- LAP or TRACK_STATUS
    driver         text,
    lap            smallint    NOT NULL, -- the lap the car is on when the step is taken
    from_lap       smallint,             -- in-laps expected (PREPARE: the window; BOX: this lap;
    to_lap         smallint,             -- PITTED: the in-lap), null for WITHDRAWN
    probability    real        NOT NULL,
    reason         text        NOT NULL,
    stint          smallint    NOT NULL,
    tyre_compound  text,
    tyre_age       smallint    NOT NULL,
    laps_remaining smallint    NOT NULL,
    track_status   text        NOT NULL,
    position       smallint    NOT NULL,
    PRIMARY KEY (race_id, car, ts, call)
);

CREATE INDEX strategy_decisions_call_id ON strategy_decisions (call_id);

DO $migration$
BEGIN
    IF streamwall_timescaledb() THEN
        PERFORM create_hypertable('strategy_decisions', by_range('ts', INTERVAL '7 days'));
    END IF;
END
$migration$;
