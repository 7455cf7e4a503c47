-- daysinmonth, version of revision 4a2f1879293a (unchanged up to head).
-- Number of days of the month containing d (NULL gives NULL).
CREATE OR REPLACE FUNCTION ${schemaName}.daysinmonth(d timestamp without time zone)
    RETURNS double precision
    LANGUAGE sql
    VOLATILE
    COST 100
AS $function$
    SELECT date_part('day', date_trunc('month', d) + interval '1 month' - interval '1 day');
$function$;
