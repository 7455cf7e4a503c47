-- monthly_total_precipitation_mv, version v3 (revision f6d5a4c2e901, head): a native materialized view,
-- populated at creation and afterwards only by REFRESH MATERIALIZED VIEW; its unique index (created by the
-- revision) allows REFRESH ... CONCURRENTLY.
--
-- Monthly total precipitation per (history, variable, month), cum_pcpn_amt excluded: the v2 query
-- (081f17262852.sql beside this file, which documents the rules) with one change: "good" observations are
-- those NOT listed in discarded_obs_raw_mv (an anti-join on its unique index instead of grouping every
-- observation with its flags). Same result as v2 when discarded_obs_raw_mv was refreshed after the last
-- change to observations or flags; refresh it first.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.monthly_total_precipitation_mv AS
WITH good_obs AS (
    SELECT obs.obs_raw_id, obs.obs_time, obs.mod_time, obs.datum, obs.vars_id, obs.history_id
      FROM ${schemaName}.obs_raw AS obs
     WHERE NOT EXISTS (SELECT 1 FROM ${schemaName}.discarded_obs_raw_mv AS discarded
                        WHERE discarded.obs_raw_id = obs.obs_raw_id)
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
