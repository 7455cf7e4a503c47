-- View obs_count_per_day_history_v, revision 84b7fc2596d5: number of observations per (day, history).
CREATE OR REPLACE VIEW ${schemaName}.obs_count_per_day_history_v AS
SELECT
    count(*) AS count,
    date_trunc('day', obs.obs_time) AS date_trunc,
    obs.history_id
FROM ${schemaName}.obs_raw AS obs
GROUP BY date_trunc('day', obs.obs_time), obs.history_id;
