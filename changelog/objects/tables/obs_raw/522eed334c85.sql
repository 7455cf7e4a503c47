-- Table obs_raw as created by revision 522eed334c85 (Create initial database).
CREATE TABLE IF NOT EXISTS ${schemaName}.obs_raw (
    obs_raw_id bigserial NOT NULL,
    obs_time timestamp without time zone,
    mod_time timestamp without time zone NOT NULL,
    datum double precision,
    vars_id integer,
    history_id integer,
    CONSTRAINT obs_raw_pkey PRIMARY KEY (obs_raw_id),
    CONSTRAINT obs_raw_history_id_fkey FOREIGN KEY (history_id) REFERENCES ${schemaName}.meta_history (history_id),
    CONSTRAINT obs_raw_vars_id_fkey FOREIGN KEY (vars_id) REFERENCES ${schemaName}.meta_vars (vars_id),
    CONSTRAINT time_place_variable_unique UNIQUE (obs_time, history_id, vars_id)
);
