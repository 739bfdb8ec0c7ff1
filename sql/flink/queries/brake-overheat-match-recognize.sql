-- Brake overheating, as MATCH_RECOGNIZE: the pitwall job's CEP rule "the hottest brake stays at or
-- above 1000 °C for 5 consecutive seconds" (AnomalyPatterns.brakeOverheat), in SQL over the
-- telemetry topic. Each second a car's hottest brake reading is taken at its coolest moment; five
-- such seconds in a row make a match.
-- Columns: car, driver, started, ended, seconds, peak_brake_temp
SELECT car, driver, started, ended, seconds, peak_brake_temp
FROM (
    SELECT car, driver, window_time,
           MIN(GREATEST(brake_temp_fl, brake_temp_fr, brake_temp_rl, brake_temp_rr)) AS hot_brake_min,
           MAX(GREATEST(brake_temp_fl, brake_temp_fr, brake_temp_rl, brake_temp_rr)) AS hot_brake_max
    FROM TABLE(TUMBLE(TABLE kafka.f1_telemetry, DESCRIPTOR(event_time), INTERVAL '1' SECOND))
    GROUP BY car, driver, window_start, window_end, window_time
)
MATCH_RECOGNIZE (
    PARTITION BY car, driver
    ORDER BY window_time
    MEASURES
        FIRST(HOT.window_time) AS started,
        LAST(HOT.window_time) AS ended,
        COUNT(HOT.window_time) AS seconds,
        MAX(HOT.hot_brake_max) AS peak_brake_temp
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (HOT{5})
    DEFINE HOT AS HOT.hot_brake_min >= 1000
);
