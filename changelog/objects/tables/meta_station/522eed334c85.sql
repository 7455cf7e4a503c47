-- Table meta_station as created by revision 522eed334c85 (Create initial database).
CREATE TABLE IF NOT EXISTS ${schemaName}.meta_station (
    station_id serial NOT NULL,
    native_id character varying,
    network_id integer,
    min_obs_time timestamp without time zone,
    max_obs_time timestamp without time zone,
    CONSTRAINT meta_station_pkey PRIMARY KEY (station_id),
    CONSTRAINT meta_station_network_id_fkey FOREIGN KEY (network_id) REFERENCES ${schemaName}.meta_network (network_id)
);
