-- updatesdateedate, version of revision 4a2f1879293a (unchanged up to head).
-- For each distinct station of meta_history, sets meta_station.min_obs_time / max_obs_time to the
-- earliest / latest obs_time of obs_raw NATURAL JOIN meta_history for that station (NULL, NULL when
-- nothing matches). The NATURAL JOIN is deliberate (PyCDS behaviour): once both tables share more
-- columns than history_id (mod_time, mod_user in later revisions) it matches on those too.
CREATE OR REPLACE FUNCTION ${schemaName}.updatesdateedate()
    RETURNS void
    LANGUAGE plpgsql
    VOLATILE
    COST 100
AS $function$
DECLARE
    stn record;
BEGIN
    FOR stn IN SELECT DISTINCT hx.station_id FROM ${schemaName}.meta_history AS hx LOOP
        UPDATE ${schemaName}.meta_station AS s
           SET (min_obs_time, max_obs_time) = (
                   SELECT min(o.obs_time), max(o.obs_time)
                     FROM ${schemaName}.obs_raw AS o NATURAL JOIN ${schemaName}.meta_history AS h
                    WHERE h.station_id = stn.station_id)
         WHERE s.station_id = stn.station_id;
    END LOOP;
END;
$function$;
