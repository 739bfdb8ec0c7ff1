-- Each incident the cityflow job raised, how long the road was affected, how many reroutes it
-- recommended around that road meanwhile, and the best of them: the largest time gain and the
-- largest CO2 gain per vehicle (negative when every detour emitted more).
-- Columns: road_id, severity, status, start_ts, end_ts, minutes, reroutes, best_eta_gain_min, best_co2_gain_g
SELECT road_id,
       severity,
       status,
       start_ts,
       end_ts,
       TIMESTAMPDIFF(MINUTE, start_ts, end_ts) AS minutes,
       reroutes,
       best_eta_gain_min,
       best_co2_gain_g
FROM (
    SELECT i.road_id, i.severity, i.status, i.start_ts, i.end_ts,
           COUNT(r.route_id) AS reroutes,
           MAX(r.eta_gain_min) AS best_eta_gain_min,
           MAX(r.estimated_co2_gain) AS best_co2_gain_g
    FROM pg.incidents i
    LEFT JOIN pg.reroutes r
      ON r.road_id = i.road_id AND r.ts BETWEEN i.start_ts AND i.end_ts
    WHERE i.kind = 'INCIDENT'
    GROUP BY i.road_id, i.severity, i.status, i.start_ts, i.end_ts
);
