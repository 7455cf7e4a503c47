-- Table meta_history as created by revision 522eed334c85 (Create initial database).
CREATE TABLE IF NOT EXISTS ${schemaName}.meta_history (
    history_id serial NOT NULL,
    station_id integer,
    station_name character varying,
    lon numeric,
    lat numeric,
    elev double precision,
    sdate date,
    edate date,
    tz_offset interval,
    province character varying,
    country character varying,
    comments character varying(255),
    freq character varying,
    sensor_id integer,
    the_geom public.geometry(Geometry, 4326),
    CONSTRAINT meta_history_pkey PRIMARY KEY (history_id),
    CONSTRAINT meta_history_sensor_id_fkey FOREIGN KEY (sensor_id) REFERENCES ${schemaName}.meta_sensor (sensor_id),
    CONSTRAINT meta_history_station_id_fkey FOREIGN KEY (station_id) REFERENCES ${schemaName}.meta_station (station_id)
);
