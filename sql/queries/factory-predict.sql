-- The question the seed's /predict endpoint answered: for one machine, per sensor, over the last N
-- minutes of its data, the mean, standard deviation, min, max, number of points and anomaly score.
--
-- It reads the factory job's sliding-window statistics (sensor_stats: one row per machine, sensor
-- and window end; 5-minute windows every minute by default). Overlapping windows would count a
-- reading several times, so only the windows ending a whole window length apart, counting back
-- from the machine's latest window, are combined: their sums give the exact mean and standard
-- deviation of the readings in the last N minutes (N a multiple of the window length; otherwise
-- rounded down to one). "Last" is relative to the machine's newest data (event time), up to its
-- newest complete slide (a minute), so the same query answers for a live plant, a replay or a
-- simulation.
--
-- anomaly_score is the readings' mean score (0..1, 0.5 at 3 standard deviations from the
-- machine's own baseline); peak_score the highest score of a single reading.
--
-- psql:  psql "$URL" -v machine=M01 -v minutes=15 -f sql/queries/factory-predict.sql
WITH latest AS (
    -- the start of the newest window: the windows ending there hold complete data
    SELECT max(window_start) AS t
    FROM sensor_stats
    WHERE machine = :'machine'
),
picked AS (
    SELECT s.*
    FROM sensor_stats s, latest l
    WHERE s.machine = :'machine'
      AND s.window_end <= l.t
      AND s.window_start >= l.t - make_interval(mins => :minutes)
      AND mod(CAST(extract(epoch FROM l.t - s.window_end) AS bigint),
              CAST(extract(epoch FROM s.window_end - s.window_start) AS bigint)) = 0
)
SELECT sensor,
       sum(n)                                                           AS n_points,
       sum(sum) / sum(n)                                                AS mean,
       sqrt(greatest(sum(sum_sq) / sum(n) - power(sum(sum) / sum(n), 2), 0)) AS std,
       min(min)                                                         AS min,
       max(max)                                                         AS max,
       sum(mean_score * n) / sum(n)                                     AS anomaly_score,
       max(max_score)                                                   AS peak_score,
       min(window_start)                                                AS from_ts,
       max(window_end)                                                  AS to_ts
FROM picked
GROUP BY sensor
ORDER BY sensor;
