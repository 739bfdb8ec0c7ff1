-- The congestion forecast for one road: its last 15 minutes of forecasts, each with the congestion
-- measured at that minute (0 free flow, 1 standing still), the congestion predicted 30 minutes
-- later and for when, the model's confidence and the speed behind it. Change 'R20' to ask about
-- another road (pg.roads lists them).
-- Columns: ts, congestion_now, congestion_t30, for_ts, confidence, speed_kmh, free_flow_kmh, model_version
SELECT p.ts,
       p.congestion_now,
       p.congestion_score AS congestion_t30,
       TIMESTAMPADD(MINUTE, p.horizon_min, p.ts) AS for_ts,
       p.confidence,
       p.speed_kmh,
       p.free_flow_kmh,
       p.model_version
FROM pg.predictions p
JOIN (SELECT MAX(ts) AS t FROM pg.predictions WHERE road_id = 'R20') latest
  ON p.ts > latest.t - INTERVAL '15' MINUTE
WHERE p.road_id = 'R20';
