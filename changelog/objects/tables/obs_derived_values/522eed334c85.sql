-- Table obs_derived_values as created by revision 522eed334c85 (Create initial database).
CREATE TABLE IF NOT EXISTS ${schemaName}.obs_derived_values (
    obs_derived_value_id serial NOT NULL,
    value_time timestamp without time zone,
    mod_time timestamp without time zone NOT NULL,
    datum double precision,
    vars_id integer,
    history_id integer,
    CONSTRAINT obs_derived_values_pkey PRIMARY KEY (obs_derived_value_id),
    CONSTRAINT obs_derived_values_history_id_fkey FOREIGN KEY (history_id) REFERENCES ${schemaName}.meta_history (history_id),
    CONSTRAINT obs_derived_values_vars_id_fkey FOREIGN KEY (vars_id) REFERENCES ${schemaName}.meta_vars (vars_id),
    CONSTRAINT obs_derived_value_time_place_variable_unique UNIQUE (value_time, history_id, vars_id)
);
