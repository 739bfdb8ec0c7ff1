-- Cars inside their pit window now: each car's latest outlook, kept when the pit-window
-- probability is at least 50 % or the rules call a stop, with the in-laps the model expects.
-- Columns: race_id, car, driver, lap, call, pit_window_probability, window_from, window_to, laps_to_cliff, reason
SELECT race_id, car, driver, lap, `call`, pit_window_probability, window_from, window_to,
       laps_to_cliff, reason
FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY race_id, car ORDER BY ts DESC) AS newest
    FROM pg.stint_outlook
)
WHERE newest = 1
  AND (pit_window_probability >= 0.5 OR `call` IN ('PREPARE', 'BOX_NOW', 'BOX_OPPORTUNITY'));
