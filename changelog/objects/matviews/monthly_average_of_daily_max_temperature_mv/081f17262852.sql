-- monthly_average_of_daily_max_temperature_mv, version v2 (revision 081f17262852, replaced in f6d5a4c2e901):
-- a native materialized view, populated at creation (WITH DATA) and afterwards only by
-- REFRESH MATERIALIZED VIEW. Its index and grants are created by the revision that creates it.
--
-- Monthly average of the daily maximum temperatures in the native matview daily_max_temperature_mv
-- (refresh that one first), per (history, variable, month).
-- data_coverage = sum of the daily coverages (numeric), as double precision, divided by the number
-- of days of the month. Same query as version v1 (8fd8f556c548); only the kind of object changes.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.monthly_average_of_daily_max_temperature_mv AS
SELECT per_month.history_id,
       per_month.vars_id,
       per_month.obs_month,
       per_month.statistic,
       per_month.total::double precision
           / ${schemaName}.daysinmonth(per_month.obs_month::date::timestamp without time zone) AS data_coverage
  FROM (SELECT daily.history_id,
               daily.vars_id,
               date_trunc('month', daily.obs_day) AS obs_month,
               avg(daily.statistic) AS statistic,
               sum(daily.data_coverage) AS total
          FROM ${schemaName}.daily_max_temperature_mv AS daily
         GROUP BY daily.history_id, daily.vars_id, date_trunc('month', daily.obs_day)) AS per_month
WITH DATA;
