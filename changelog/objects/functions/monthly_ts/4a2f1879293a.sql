-- monthly_ts, version of revision 4a2f1879293a (unchanged up to head).
-- Intended: per month, mean and count of one station's observations of one variable,
-- percent_obs_available = count / days in that month, only months reaching percent_obs, ordered by month.
-- Known PyCDS defect, reproduced on purpose: the generated query filters obs_raw on a column
-- station_id that obs_raw does not have, so every call fails with SQLSTATE 42703
-- (column "station_id" does not exist). The ids are concatenated into the query text, so a NULL
-- station_id or vars_id makes the whole text NULL and the call fails first with SQLSTATE 22004 (query
-- string argument of EXECUTE is null), as PyCDS's does; percent_obs is spliced as a literal (NULL stays
-- the word NULL), so a NULL percent_obs alone still fails with 42703.
CREATE OR REPLACE FUNCTION ${schemaName}.monthly_ts(
        station_id integer, vars_id integer, percent_obs real,
        OUT monthly_time timestamp without time zone, OUT monthly_mean real,
        OUT percent_obs_available real, OUT monthly_count integer)
    RETURNS SETOF record
    LANGUAGE plpgsql
    VOLATILE
    COST 100
    ROWS 1000
AS $function$
BEGIN
    RETURN QUERY EXECUTE
        'SELECT per_month.obs_month, per_month.mean_datum::real, '
        ||       '(per_month.n / ${schemaName}.daysinmonth(per_month.obs_month))::real, per_month.n::integer '
        || 'FROM (SELECT date_trunc(''month'', obs_time) AS obs_month, avg(datum) AS mean_datum, count(datum) AS n '
        ||       'FROM ${schemaName}.obs_raw '
        ||       'WHERE station_id = ' || station_id || ' AND vars_id = ' || vars_id || ' '
        ||       'GROUP BY date_trunc(''month'', obs_time)) AS per_month '
        || 'WHERE per_month.n / ${schemaName}.daysinmonth(per_month.obs_month) >= ' || quote_nullable(percent_obs) || ' '
        || 'ORDER BY per_month.obs_month';
END;
$function$;
