-- Pit calls and how they ended: for each call (one per stop), the step that opened it, the in-laps
-- it expected, and its latest step (BOX_NOW, PITTED or WITHDRAWN) with the reason.
-- Columns: race_id, car, driver, call_id, opened_as, opened_lap, from_lap, to_lap, latest_step, latest_lap, latest_reason
SELECT o.race_id, o.car, o.driver, o.call_id, o.`call` AS opened_as, o.lap AS opened_lap,
       o.from_lap, o.to_lap, l.`call` AS latest_step, l.lap AS latest_lap, l.reason AS latest_reason
FROM (
    SELECT * FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY call_id ORDER BY ts ASC) AS step
        FROM pg.strategy_decisions)
    WHERE step = 1
) o
JOIN (
    SELECT * FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY call_id ORDER BY ts DESC) AS step
        FROM pg.strategy_decisions)
    WHERE step = 1
) l ON o.call_id = l.call_id;
