-- Native matview station_obs_stats_mv (revision bf366199f463), replacing the "fake" matview table of
-- 522eed334c85; same query as its companion view station_obs_stats_v, including the column order (which
-- differs from the table's: max_obs_time before min_obs_time). Per history: first and last observation time
-- and the number of distinct observation times; the station comes from meta_history (observations without
-- a history drop out).
-- Populated at creation (WITH DATA); afterwards only by REFRESH MATERIALIZED VIEW. Its one index is not
-- unique, so REFRESH ... CONCURRENTLY is not possible.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.station_obs_stats_mv AS
SELECT
    hist.station_id,
    stats.history_id,
    stats.max_obs_time,
    stats.min_obs_time,
    stats.obs_count
FROM (
    SELECT
        obs.history_id,
        min(obs.obs_time) AS min_obs_time,
        max(obs.obs_time) AS max_obs_time,
        count(DISTINCT obs.obs_time) AS obs_count
    FROM ${schemaName}.obs_raw AS obs
    GROUP BY obs.history_id
) AS stats
JOIN ${schemaName}.meta_history AS hist ON hist.history_id = stats.history_id
WITH DATA;
