-- View history_join_station_network, revision 84b7fc2596d5: every history with its station and network
-- (inner joins). the_geom is exposed as EWKB (bytea).
CREATE OR REPLACE VIEW ${schemaName}.history_join_station_network AS
SELECT
    stn.network_id,
    hist.station_id,
    hist.history_id,
    hist.station_name,
    hist.lon,
    hist.lat,
    hist.elev,
    hist.sdate,
    hist.edate,
    hist.tz_offset,
    hist.province,
    hist.country,
    hist.comments,
    public.ST_AsEWKB(hist.the_geom) AS the_geom,
    hist.sensor_id,
    stn.native_id,
    net.network_name,
    net.description,
    net.virtual
FROM ${schemaName}.meta_history AS hist
JOIN ${schemaName}.meta_station AS stn ON stn.station_id = hist.station_id
JOIN ${schemaName}.meta_network AS net ON net.network_id = stn.network_id;
