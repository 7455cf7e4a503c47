-- View obs_count_per_month_history_v, revision 522eed334c85: the defining query of the "fake" matview
-- table obs_count_per_month_history_mv. Number of observations per (month, history).
CREATE OR REPLACE VIEW ${schemaName}.obs_count_per_month_history_v AS
SELECT
    count(obs.obs_raw_id) AS count,
    date_trunc('month', obs.obs_time) AS date_trunc,
    obs.history_id
FROM ${schemaName}.obs_raw AS obs
GROUP BY date_trunc('month', obs.obs_time), obs.history_id;
