-- View crmp_network_geoserver, version 2 (revision 6cb393f711c3, 24 columns; re-created unchanged by
-- 3505750d3416): version 1 plus collapsed_vars_mv's vars_ids and unique_variable_tags, placed before vars and
-- display_names. One row per history whose station belongs to a network, with the collapsed variables and
-- the observation statistics (left joins, so NULL when absent). the_geom is exposed as EWKB (bytea).
-- The columns are not appended at the end, so this cannot replace version 1 in place: drop that first.
CREATE OR REPLACE VIEW ${schemaName}.crmp_network_geoserver AS
SELECT
    net.network_name,
    stn.native_id,
    hist.station_name,
    hist.lon,
    hist.lat,
    hist.elev,
    stats.min_obs_time,
    stats.max_obs_time,
    hist.freq,
    hist.tz_offset,
    hist.province,
    hist.station_id,
    hist.history_id,
    hist.country,
    hist.comments,
    public.ST_AsEWKB(hist.the_geom) AS the_geom,
    hist.sensor_id,
    net.description,
    stn.network_id,
    net.col_hex,
    cv.vars_ids,
    cv.unique_variable_tags,
    cv.vars,
    cv.display_names
FROM ${schemaName}.meta_history AS hist
JOIN ${schemaName}.meta_station AS stn ON stn.station_id = hist.station_id
JOIN ${schemaName}.meta_network AS net ON net.network_id = stn.network_id
LEFT JOIN ${schemaName}.collapsed_vars_mv AS cv ON cv.history_id = hist.history_id
LEFT JOIN ${schemaName}.station_obs_stats_mv AS stats ON stats.history_id = hist.history_id;
