-- monthly_total_precipitation_mv, version v2 (revision 081f17262852, replaced in f6d5a4c2e901):
-- a native materialized view, populated at creation (WITH DATA) and afterwards only by
-- REFRESH MATERIALIZED VIEW. Its index and grants are created by the revision that creates it.
--
-- Monthly total precipitation per (history, variable, month), from "good" observations only (v1/v2
-- rule: an observation is good unless one of its native or PCIC flags has discard = true; NULL
-- discard counts as false). Precipitation variables: standard_name
-- lwe_thickness_of_precipitation_amount, thickness_of_rainfall_amount or
-- thickness_of_snowfall_amount, with cell_method 'time: sum', in 1-hourly or daily histories.
-- New in v2: variables whose net_var_name is 'cum_pcpn_amt' are excluded. net_var_name is citext,
-- so the test is case-insensitive; the citext operator is named explicitly (extensions live in
-- public) so the result does not depend on the search_path at creation. Being a <> test, it also
-- excludes variables whose net_var_name is NULL.
-- data_coverage = sum of the coverage weights (daily 1.0, 1-hourly 0.041666666666666664) as
-- double precision, divided by the number of days of the month.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.monthly_total_precipitation_mv AS
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
SELECT per_month.history_id,
       per_month.vars_id,
       per_month.obs_month,
       per_month.statistic,
       per_month.total::double precision
           / ${schemaName}.daysinmonth(per_month.obs_month::date::timestamp without time zone) AS data_coverage
  FROM (SELECT good_obs.history_id,
               good_obs.vars_id,
               date_trunc('month', good_obs.obs_time) AS obs_month,
               sum(good_obs.datum) AS statistic,
               sum(CASE hx.freq
                       WHEN 'daily' THEN 1.0
                       WHEN '12-hourly' THEN 0.5
                       WHEN '1-hourly' THEN 0.041666666666666664
                   END) AS total
          FROM good_obs
          JOIN ${schemaName}.meta_history AS hx ON hx.history_id = good_obs.history_id
          JOIN ${schemaName}.meta_vars AS vars ON vars.vars_id = good_obs.vars_id
         WHERE vars.standard_name IN ('lwe_thickness_of_precipitation_amount',
                                      'thickness_of_rainfall_amount',
                                      'thickness_of_snowfall_amount')
           AND vars.cell_method = 'time: sum'
           AND hx.freq IN ('1-hourly', 'daily')
           AND vars.net_var_name OPERATOR(public.<>) 'cum_pcpn_amt'::public.citext
         GROUP BY good_obs.history_id, good_obs.vars_id, date_trunc('month', good_obs.obs_time)) AS per_month
WITH DATA;
