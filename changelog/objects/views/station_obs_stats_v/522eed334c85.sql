-- View station_obs_stats_v, revision 522eed334c85: the defining query of the "fake" matview table
-- station_obs_stats_mv. Per history: first and last observation time and the number of distinct
-- observation times; the station comes from meta_history (observations without a history drop out).
CREATE OR REPLACE VIEW ${schemaName}.station_obs_stats_v AS
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
JOIN ${schemaName}.meta_history AS hist ON hist.history_id = stats.history_id;
