-- daily_min_temperature_mv, version v2 (revision 081f17262852, replaced in f6d5a4c2e901):
-- a native materialized view, populated at creation (WITH DATA) and afterwards only by
-- REFRESH MATERIALIZED VIEW. Its index and grants are created by the revision that creates it.
--
-- Daily minimum air temperature per (history, variable, effective day), from "good" observations
-- only (v1/v2 rule: an observation is good unless one of its native or PCIC flags has discard = true;
-- NULL discard counts as false). obs_day = effective_day(obs_time, 'min', freq), i.e. the calendar
-- day (minima are never shifted; only 12-hourly maxima at or after noon move to the next day).
-- data_coverage = sum over the group's rows (also those whose datum is NULL) of the history's
-- coverage weight (daily 1.0, 12-hourly 0.5, 1-hourly 0.041666666666666664, otherwise NULL), as numeric.
-- Same query as version v1 (8fd8f556c548); only the kind of object changes.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.daily_min_temperature_mv AS
WITH good_obs AS (
    SELECT obs.obs_raw_id, obs.obs_time, obs.mod_time, obs.datum, obs.vars_id, obs.history_id
      FROM ${schemaName}.obs_raw AS obs
      LEFT JOIN ${schemaName}.obs_raw_native_flags AS onf ON onf.obs_raw_id = obs.obs_raw_id
      LEFT JOIN ${schemaName}.meta_native_flag AS nf ON nf.native_flag_id = onf.native_flag_id
      LEFT JOIN ${schemaName}.obs_raw_pcic_flags AS opf ON opf.obs_raw_id = obs.obs_raw_id
      LEFT JOIN ${schemaName}.meta_pcic_flag AS pf ON pf.pcic_flag_id = opf.pcic_flag_id
     GROUP BY obs.obs_raw_id
    HAVING NOT (bool_or(coalesce(nf.discard, false)) OR bool_or(coalesce(pf.discard, false)))
)
SELECT good_obs.history_id,
       good_obs.vars_id,
       ${schemaName}.effective_day(good_obs.obs_time, 'min', hx.freq) AS obs_day,
       min(good_obs.datum) AS statistic,
       sum(CASE hx.freq
               WHEN 'daily' THEN 1.0
               WHEN '12-hourly' THEN 0.5
               WHEN '1-hourly' THEN 0.041666666666666664
           END) AS data_coverage
  FROM good_obs
  JOIN ${schemaName}.meta_vars AS vars ON vars.vars_id = good_obs.vars_id
  JOIN ${schemaName}.meta_history AS hx ON hx.history_id = good_obs.history_id
 WHERE vars.standard_name = 'air_temperature'
   AND vars.cell_method IN ('time: minimum', 'time: point', 'time: mean')
   AND hx.freq IN ('1-hourly', '12-hourly', 'daily')
 GROUP BY good_obs.history_id, good_obs.vars_id, ${schemaName}.effective_day(good_obs.obs_time, 'min', hx.freq)
WITH DATA;
