-- Live speed per car: average and top speed of each car over 10-second event-time windows, straight
-- from the telemetry topic (a streaming query: with KAFKA_BOUNDED_MODE=unbounded it keeps running).
-- Columns: car, window_start, window_end, avg_speed, top_speed, samples
SELECT car, window_start, window_end,
       AVG(speed) AS avg_speed,
       MAX(speed) AS top_speed,
       COUNT(*) AS samples
FROM TABLE(TUMBLE(TABLE kafka.f1_telemetry, DESCRIPTOR(event_time), INTERVAL '10' SECOND))
GROUP BY car, window_start, window_end;
