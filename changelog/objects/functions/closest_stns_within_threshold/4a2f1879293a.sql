-- closest_stns_within_threshold, version of revision 4a2f1879293a (unchanged up to head).
-- x = longitude, y = latitude (WGS 84), thres = radius in metres.
-- Candidates: histories whose geometry, taken as a geography, has a bounding box overlapping that of the
-- geography buffer of radius thres around (x, y): `geography && geography`, which compares PostGIS's
-- geodetic (geocentric) boxes, not lon/lat boxes, so near the edge of a large radius it selects other
-- stations than a lon/lat box would. There is no distance filter. dist = geodesic distance in metres.
-- The argument values are concatenated into the generated query as text, so a NULL argument makes the
-- whole text NULL and EXECUTE fails with SQLSTATE 22004, as PyCDS's does.
CREATE OR REPLACE FUNCTION ${schemaName}.closest_stns_within_threshold(x numeric, y numeric, thres integer)
    RETURNS TABLE(history_id integer, lat numeric, lon numeric, dist double precision)
    LANGUAGE plpgsql
    VOLATILE
    SECURITY DEFINER
    COST 100
    ROWS 1000
AS $function$
DECLARE
    point_text text := 'ST_SetSRID(ST_MakePoint(' || x || ', ' || y || '), 4326)::geography';
BEGIN
    RETURN QUERY EXECUTE
        'SELECT candidates.history_id, candidates.lat, candidates.lon, '
        || 'ST_Distance(ST_Transform(candidates.the_geom, 4326)::geography, ' || point_text || ') AS dist '
        || 'FROM ${schemaName}.meta_history AS candidates '
        || 'WHERE candidates.the_geom::geography && ST_Buffer(' || point_text || ', ' || thres || ') '
        || 'ORDER BY dist';
END;
$function$;
