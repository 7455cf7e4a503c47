-- Table time_bounds as created by revision 522eed334c85 (Create initial database).
CREATE TABLE IF NOT EXISTS ${schemaName}.time_bounds (
    -- integer although obs_raw.obs_raw_id is bigint (as in the original database)
    obs_raw_id integer NOT NULL,
    start timestamp without time zone,
    "end" timestamp without time zone,
    CONSTRAINT time_bounds_pkey PRIMARY KEY (obs_raw_id),
    CONSTRAINT time_bounds_obs_raw_id_fkey FOREIGN KEY (obs_raw_id) REFERENCES ${schemaName}.obs_raw (obs_raw_id)
);
