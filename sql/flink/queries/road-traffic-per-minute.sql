-- What the sensors of one road measured, per minute of event time on city.readings: mean speed,
-- flow and occupancy, and how many readings and sensors (a minute closes when the watermark
-- passes it). Change 'R20' to ask about another road (pg.roads lists them).
-- Columns: window_start, road, speed_kmh, flow_vph, occupancy, readings, sensors
SELECT window_start,
       road,
       AVG(speed) AS speed_kmh,
       AVG(flow) AS flow_vph,
       AVG(occupancy) AS occupancy,
       COUNT(*) AS readings,
       COUNT(DISTINCT sensor) AS sensors
FROM TABLE(TUMBLE(TABLE kafka.city_readings, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
WHERE road = 'R20'
GROUP BY window_start, window_end, road;
