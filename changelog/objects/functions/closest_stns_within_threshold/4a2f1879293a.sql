-- closest_stns_within_threshold, version of revision 4a2f1879293a (unchanged up to head).
-- x = longitude, y = latitude (WGS 84), thres = radius in metres.
-- Candidates: histories whose geometry's bounding box overlaps the bounding box of the geography
-- buffer of radius thres around (x, y), taken as a geometry (a lon/lat box, not a circle; there is
-- no distance filter). dist = geodesic distance in metres. The argument values are spliced into
-- the generated query as text.
CREATE OR REPLACE FUNCTION ${schemaName}.closest_stns_within_threshold(x numeric, y numeric, thres integer)
    RETURNS TABLE(history_id integer, lat numeric, lon numeric, dist double precision)
    LANGUAGE plpgsql
    VOLATILE
    SECURITY DEFINER
    COST 100
    ROWS 1000
AS $function$
DECLARE
    point_text text := format('ST_SetSRID(ST_MakePoint(%s, %s), 4326)', x, y);
    stmt text;
BEGIN
    stmt := format(
        'SELECT candidates.history_id, candidates.lat, candidates.lon, '
        || 'ST_Distance(ST_Transform(candidates.the_geom, 4326)::geography, %1$s::geography) AS dist '
        || 'FROM ${schemaName}.meta_history AS candidates '
        || 'WHERE candidates.the_geom && ST_Buffer(%1$s::geography, %2$s)::geometry '
        || 'ORDER BY dist',
        point_text, thres);
    RETURN QUERY EXECUTE stmt;
END;
$function$;
