-- monthly_average_of_daily_max_temperature_mv, version v1 (revision 8fd8f556c548):
-- a "manual matview", i.e. a plain table filled once by CREATE TABLE AS from the data present at
-- creation (no keys, no indexes, no grants). Refreshing it means TRUNCATE + INSERT of the same query.
-- Self-contained: also used to restore this version.
--
-- Monthly average of the daily maximum temperatures in daily_max_temperature_mv
-- (which must exist and be up to date first), per (history, variable, month).
-- data_coverage = sum of the daily coverages (numeric), as double precision, divided by the number
-- of days of the month.
CREATE TABLE IF NOT EXISTS ${schemaName}.monthly_average_of_daily_max_temperature_mv AS
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
         GROUP BY daily.history_id, daily.vars_id, date_trunc('month', daily.obs_day)) AS per_month;
