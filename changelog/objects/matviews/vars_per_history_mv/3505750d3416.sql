-- Native matview vars_per_history_mv, version 2 (revision 3505750d3416; the head version): one row per
-- (history_id, vars_id) pair of obs_raw, with the first and last observation time of that pair.
-- Populated at creation (WITH DATA). Its index and grants are created by the revision that creates it.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.vars_per_history_mv AS
SELECT
    obs.history_id,
    obs.vars_id,
    min(obs.obs_time) AS start_time,
    max(obs.obs_time) AS end_time
FROM ${schemaName}.obs_raw AS obs
GROUP BY obs.history_id, obs.vars_id
WITH DATA;
