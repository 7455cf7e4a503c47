-- Table meta_climo_attrs as created by revision 522eed334c85 (Create initial database).
-- Dropped by 2914c6c8a7f9, whose rollback re-creates it (empty) from this file.
CREATE TABLE IF NOT EXISTS ${schemaName}.meta_climo_attrs (
    vars_id integer NOT NULL,
    station_id integer NOT NULL,
    month integer NOT NULL,
    wmo_code character varying(1),
    adjusted boolean,
    CONSTRAINT meta_climo_attrs_pkey PRIMARY KEY (vars_id, station_id, month),
    CONSTRAINT meta_climo_attrs_station_id_fkey FOREIGN KEY (station_id) REFERENCES ${schemaName}.meta_station (station_id),
    CONSTRAINT meta_climo_attrs_vars_id_fkey FOREIGN KEY (vars_id) REFERENCES ${schemaName}.meta_vars (vars_id)
);
