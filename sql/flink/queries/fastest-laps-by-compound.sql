-- Fastest laps by compound: the three fastest green-flag laps on each tyre compound, with who set
-- them and how old the tyres were (pit-in and pit-out laps excluded).
-- Columns: tyre_compound, rank_in_compound, car, driver, lap, lap_time_ms, tyre_age
SELECT tyre_compound, rank_in_compound, car, driver, lap, lap_time_ms, tyre_age
FROM (
    SELECT tyre_compound, car, driver, lap, lap_time_ms, tyre_age,
           ROW_NUMBER() OVER (PARTITION BY tyre_compound ORDER BY lap_time_ms ASC) AS rank_in_compound
    FROM pg.laps
    WHERE NOT pit_in AND NOT pit_out AND track_status = 'GREEN' AND tyre_compound IS NOT NULL
)
WHERE rank_in_compound <= 3;
