-- Machines at risk: every maintenance alert (open or closed) with its evidence, and how many
-- anomaly episodes the machine has had. Add WHERE a.status = 'OPEN' for the ones still open.
-- Columns: machine, type, severity, status, sensor, start_ts, evidence, anomaly_episodes
SELECT a.machine, a.type, a.severity, a.status, a.sensor, a.start_ts, a.evidence, e.anomaly_episodes
FROM pg.maintenance_alerts a
JOIN (SELECT machine, COUNT(*) AS anomaly_episodes FROM pg.machine_anomalies GROUP BY machine) e
  ON e.machine = a.machine;
