-- How good the predictions were, per road and horizon (T+30, and any --extra-horizons): every
-- forecast on city.predictions joined with the simulator's truth on city.truth at the minute it was
-- for, and the mean absolute error of the job, of persistence (congestion now) and of the seed's
-- 40/40/20 formula. (`streamwall evaluate city` prints the same figures for the city.)
-- Columns: road, horizon_min, forecasts, mae_job, mae_persistence, mae_seed_formula
SELECT p.road,
       p.horizon_min,
       COUNT(*) AS forecasts,
       AVG(ABS(p.score - t.congestion)) AS mae_job,
       AVG(ABS(p.`now` - t.congestion)) AS mae_persistence,
       AVG(ABS(p.baseline - t.congestion)) AS mae_seed_formula
FROM kafka.city_predictions p
JOIN kafka.city_truth t
  ON t.road = p.road AND t.ts = p.ts + CAST(p.horizon_min AS BIGINT) * 60000
GROUP BY p.road, p.horizon_min;
