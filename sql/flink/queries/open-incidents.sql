-- The incidents and congestion onsets the cityflow job still holds open: the road, since when, how
-- many minutes up to the last minute it saw, and how bad (speed as a share of free flow, and of the
-- roads downstream for an incident). Empty when the whole city flows.
-- Columns: road_id, kind, severity, start_ts, last_seen, minutes, speed_ratio, downstream_ratio, detail
SELECT road_id,
       kind,
       severity,
       start_ts,
       end_ts AS last_seen,
       TIMESTAMPDIFF(MINUTE, start_ts, end_ts) AS minutes,
       speed_ratio,
       downstream_ratio,
       detail
FROM pg.incidents
WHERE status = 'OPEN';
