-- daily_max_temperature_mv, version v3 (revision f6d5a4c2e901, head): a native materialized view, populated
-- at creation and afterwards only by REFRESH MATERIALIZED VIEW; its unique index (created by the revision)
-- allows REFRESH ... CONCURRENTLY.
--
-- Daily maximum air temperature per (history, variable, effective day): the v2 query (081f17262852.sql
-- beside this file, which documents the rules) with one change: "good" observations are those NOT listed in
-- discarded_obs_raw_mv (an anti-join on its unique index instead of grouping every observation with its
-- flags). Same result as v2 when discarded_obs_raw_mv was refreshed after the last change to observations
-- or flags; refresh it first.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.daily_max_temperature_mv AS
WITH good_obs AS (
    SELECT obs.obs_raw_id, obs.obs_time, obs.mod_time, obs.datum, obs.vars_id, obs.history_id
      FROM ${schemaName}.obs_raw AS obs
     WHERE NOT EXISTS (SELECT 1 FROM ${schemaName}.discarded_obs_raw_mv AS discarded
                        WHERE discarded.obs_raw_id = obs.obs_raw_id)
)
SELECT good_obs.history_id,
       good_obs.vars_id,
       ${schemaName}.effective_day(good_obs.obs_time, 'max', hx.freq) AS obs_day,
       max(good_obs.datum) AS statistic,
       sum(CASE hx.freq
               WHEN 'daily' THEN 1.0
               WHEN '12-hourly' THEN 0.5
               WHEN '1-hourly' THEN 0.041666666666666664
           END) AS data_coverage
  FROM good_obs
  JOIN ${schemaName}.meta_vars AS vars ON vars.vars_id = good_obs.vars_id
  JOIN ${schemaName}.meta_history AS hx ON hx.history_id = good_obs.history_id
 WHERE vars.standard_name = 'air_temperature'
   AND vars.cell_method IN ('time: maximum', 'time: point', 'time: mean')
   AND hx.freq IN ('1-hourly', '12-hourly', 'daily')
 GROUP BY good_obs.history_id, good_obs.vars_id, ${schemaName}.effective_day(good_obs.obs_time, 'max', hx.freq)
WITH DATA;
