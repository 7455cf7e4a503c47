-- Native matview obs_count_per_month_history_mv (revision bb2a222a1d4a), replacing the "fake" matview table
-- of 522eed334c85; same query as its companion view obs_count_per_month_history_v (count is bigint here, it
-- was integer in the table). Number of observations per (month, history).
-- Populated at creation (WITH DATA); afterwards only by REFRESH MATERIALIZED VIEW. Its one index is not
-- unique, so REFRESH ... CONCURRENTLY is not possible.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.obs_count_per_month_history_mv AS
SELECT
    count(obs.obs_raw_id) AS count,
    date_trunc('month', obs.obs_time) AS date_trunc,
    obs.history_id
FROM ${schemaName}.obs_raw AS obs
GROUP BY date_trunc('month', obs.obs_time), obs.history_id
WITH DATA;
