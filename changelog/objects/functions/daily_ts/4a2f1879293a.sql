-- daily_ts, version of revision 4a2f1879293a (unchanged up to head).
-- Intended: per calendar day, mean and count of one station's observations of one variable,
-- percent_obs_available = count / 24, only days reaching percent_obs, ordered by day.
-- Known PyCDS defect, reproduced on purpose: the generated query filters obs_raw on a column
-- station_id that obs_raw does not have, so every call fails with SQLSTATE 42703
-- (column "station_id" does not exist). The ids are concatenated into the query text, so a NULL
-- station_id or vars_id makes the whole text NULL and the call fails first with SQLSTATE 22004 (query
-- string argument of EXECUTE is null), as PyCDS's does; percent_obs is spliced as a literal (NULL stays
-- the word NULL), so a NULL percent_obs alone still fails with 42703.
CREATE OR REPLACE FUNCTION ${schemaName}.daily_ts(
        station_id integer, vars_id integer, percent_obs real,
        OUT daily_time timestamp without time zone, OUT daily_mean real,
        OUT percent_obs_available real, OUT daily_count integer)
    RETURNS SETOF record
    LANGUAGE plpgsql
    VOLATILE
    COST 100
    ROWS 1000
AS $function$
BEGIN
    RETURN QUERY EXECUTE
        'SELECT per_day.obs_day, per_day.mean_datum::real, (per_day.n / 24.0)::real, per_day.n::integer '
        || 'FROM (SELECT date_trunc(''day'', obs_time) AS obs_day, avg(datum) AS mean_datum, count(datum) AS n '
        ||       'FROM ${schemaName}.obs_raw '
        ||       'WHERE station_id = ' || station_id || ' AND vars_id = ' || vars_id || ' '
        ||       'GROUP BY date_trunc(''day'', obs_time)) AS per_day '
        || 'WHERE per_day.n / 24.0 >= ' || quote_nullable(percent_obs) || ' '
        || 'ORDER BY per_day.obs_day';
END;
$function$;
