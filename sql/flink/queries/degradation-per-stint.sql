-- Degradation per stint: for every car's stint, the compound, laps run, the tyre age reached and
-- the degradation the strategy model had fitted (seconds per lap) on the stint's last lap.
-- Columns: race_id, car, driver, stint, tyre_compound, laps, max_tyre_age, degradation_per_lap, min_stint_health
SELECT s.race_id, s.car, s.driver, s.stint, s.tyre_compound, s.laps, s.max_tyre_age,
       d.degradation_per_lap, s.min_stint_health
FROM (
    SELECT race_id, car, driver, stint, tyre_compound,
           COUNT(*) AS laps,
           MAX(lap) AS last_lap,
           MAX(tyre_age) AS max_tyre_age,
           MIN(stint_health) AS min_stint_health
    FROM pg.stint_outlook
    WHERE `trigger` = 'LAP'
    GROUP BY race_id, car, driver, stint, tyre_compound
) s
JOIN pg.stint_outlook d
  ON d.race_id = s.race_id AND d.car = s.car AND d.stint = s.stint AND d.lap = s.last_lap
 AND d.`trigger` = 'LAP';
