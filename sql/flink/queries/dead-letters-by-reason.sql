-- Dead-lettered records by reason: what each job rejected, how often, and one example payload.
-- Columns: job, reason, records, first_rejected, last_rejected, example
SELECT job, reason,
       COUNT(*) AS records,
       MIN(rejected_at) AS first_rejected,
       MAX(rejected_at) AS last_rejected,
       MIN(SUBSTRING(payload FROM 1 FOR 80)) AS example
FROM pg.dead_letters
GROUP BY job, reason;
