-- season, version of revision 4a2f1879293a (unchanged up to head).
-- Middle of the meteorological season of d, in d's own calendar year: DJF -> Jan 15, MAM -> Apr 15,
-- JJA -> Jul 15, SON -> Oct 15 (so December 2000 gives 2000-01-15). NULL d raises "case not found".
-- As in PyCDS, the date is the text '<year>-MM-15' cast to date, the year written without leading
-- zeros: for years below 1000 the date input reads it by the session's DateStyle (under 'ISO, MDY',
-- year 1 gives '1-01-15', i.e. 2015-01-01), which make_date would not reproduce.
CREATE OR REPLACE FUNCTION ${schemaName}.season(d timestamp without time zone)
    RETURNS date
    LANGUAGE plpgsql
    VOLATILE
    COST 100
AS $function$
DECLARE
    yr text := date_part('year', d)::integer::text;
BEGIN
    CASE date_part('month', d)::integer
        WHEN 12, 1, 2 THEN RETURN (yr || '-01-15')::date;
        WHEN 3, 4, 5 THEN RETURN (yr || '-04-15')::date;
        WHEN 6, 7, 8 THEN RETURN (yr || '-07-15')::date;
        WHEN 9, 10, 11 THEN RETURN (yr || '-10-15')::date;
    END CASE;
END;
$function$;
