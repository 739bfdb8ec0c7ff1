-- The seed's /predict question for one machine: per sensor, over the last 15 minutes of its data,
-- the mean, standard deviation, min, max, number of points and anomaly score. It combines the
-- factory job's sliding-window statistics (pg.sensor_stats, 5-minute windows every minute): only
-- windows ending a whole window apart, counted back from the machine's newest complete window, so
-- no reading counts twice; their sums give the exact mean and standard deviation. Change 'M01'
-- and the 15 to ask about another machine or span. (sql/queries/factory-predict.sql is the same
-- question for psql.)
-- Columns: sensor, n_points, mean, std, min_value, max_value, anomaly_score, peak_score, from_ts, to_ts
SELECT sensor,
       SUM(n) AS n_points,
       SUM(`sum`) / SUM(n) AS mean,
       SQRT(GREATEST(SUM(sum_sq) / SUM(n) - POWER(SUM(`sum`) / SUM(n), 2), 0)) AS std,
       MIN(`min`) AS min_value,
       MAX(`max`) AS max_value,
       SUM(mean_score * n) / SUM(n) AS anomaly_score,
       MAX(max_score) AS peak_score,
       MIN(window_start) AS from_ts,
       MAX(window_end) AS to_ts
FROM (
    SELECT s.*
    FROM pg.sensor_stats s
    JOIN (SELECT MAX(window_start) AS t FROM pg.sensor_stats WHERE machine = 'M01') latest
      ON s.window_end <= latest.t
     AND s.window_start >= latest.t - INTERVAL '15' MINUTE
     AND MOD(TIMESTAMPDIFF(SECOND, s.window_end, latest.t),
             TIMESTAMPDIFF(SECOND, s.window_start, s.window_end)) = 0
    WHERE s.machine = 'M01'
)
GROUP BY sensor;
