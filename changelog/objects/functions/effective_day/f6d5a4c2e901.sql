-- effective_day, version of revision f6d5a4c2e901 (head): the same logic as 4a2f1879293a, declared
-- IMMUTABLE and PARALLEL SAFE (it depends on its arguments only), so that planners may fold and parallelise it.
-- The day an observation counts towards: midnight of obs_time, moved to the next day only for a
-- 12-hourly maximum observed at or after noon (exact, case-sensitive comparisons; NULL extremum or
-- freq means no shift; NULL obs_time gives NULL).
CREATE OR REPLACE FUNCTION ${schemaName}.effective_day(
        obs_time timestamp without time zone,
        extremum character varying,
        freq character varying DEFAULT ''::character varying)
    RETURNS timestamp without time zone
    LANGUAGE plpgsql
    IMMUTABLE
    PARALLEL SAFE
    COST 100
AS $function$
DECLARE
    shift_days integer := 0;
BEGIN
    IF extremum = 'max' AND freq = '12-hourly' AND date_part('hour', obs_time) >= 12 THEN
        shift_days := 1;
    END IF;
    RETURN date_trunc('day', obs_time) + shift_days * interval '1 day';
END;
$function$;
