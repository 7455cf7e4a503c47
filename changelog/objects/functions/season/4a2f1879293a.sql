-- season, version of revision 4a2f1879293a (unchanged up to head).
-- Middle of the meteorological season of d, in d's own calendar year: DJF -> Jan 15, MAM -> Apr 15,
-- JJA -> Jul 15, SON -> Oct 15 (so December 2000 gives 2000-01-15). NULL d raises "case not found".
CREATE OR REPLACE FUNCTION ${schemaName}.season(d timestamp without time zone)
    RETURNS date
    LANGUAGE plpgsql
    VOLATILE
    COST 100
AS $function$
DECLARE
    yr integer := date_part('year', d)::integer;
BEGIN
    CASE date_part('month', d)::integer
        WHEN 12, 1, 2 THEN RETURN make_date(yr, 1, 15);
        WHEN 3, 4, 5 THEN RETURN make_date(yr, 4, 15);
        WHEN 6, 7, 8 THEN RETURN make_date(yr, 7, 15);
        WHEN 9, 10, 11 THEN RETURN make_date(yr, 10, 15);
    END CASE;
END;
$function$;
