-- Table station_obs_stats_mv as created by revision 522eed334c85 (Create initial database).
-- "Fake" matview of the legacy database: an ordinary table (no primary key), created empty.
CREATE TABLE IF NOT EXISTS ${schemaName}.station_obs_stats_mv (
    station_id integer NOT NULL,
    history_id integer,
    min_obs_time timestamp without time zone,
    max_obs_time timestamp without time zone,
    obs_count bigint,
    CONSTRAINT station_obs_stats_mv_history_id_fkey FOREIGN KEY (history_id) REFERENCES ${schemaName}.meta_history (history_id),
    CONSTRAINT station_obs_stats_mv_station_id_fkey FOREIGN KEY (station_id) REFERENCES ${schemaName}.meta_station (station_id)
);
