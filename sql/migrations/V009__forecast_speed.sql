-- The cityflow forecaster of version 2 forecasts a speed and says how: the speed it predicts at the
-- horizon (congestion_score is 1 - that speed / free_flow_kmh, clamped to 0..1, so a forecast above
-- the free-flow speed was lost in it) and the parts it was made of, in km/h. Null in rows of the
-- first version.

ALTER TABLE predictions
    ADD COLUMN predicted_speed_kmh double precision,
    ADD COLUMN explanation text;
