-- lastdateofmonth, version of revision 4a2f1879293a (unchanged up to head).
-- Last calendar day of the month of the (unnamed) argument (NULL gives NULL). Computed on timestamp
-- without time zone, so the session TimeZone plays no part.
CREATE OR REPLACE FUNCTION ${schemaName}.lastdateofmonth(date)
    RETURNS date
    LANGUAGE sql
    VOLATILE
    COST 100
AS $function$
    SELECT (date_trunc('month', $1::timestamp without time zone) + interval '1 month' - interval '1 day')::date;
$function$;
