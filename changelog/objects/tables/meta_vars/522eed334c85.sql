-- Table meta_vars as created by revision 522eed334c85 (Create initial database).
CREATE TABLE IF NOT EXISTS ${schemaName}.meta_vars (
    vars_id serial NOT NULL,
    net_var_name character varying,
    unit character varying,
    standard_name character varying,
    cell_method character varying,
    "precision" double precision,
    long_description character varying,
    display_name character varying,
    short_name character varying,
    network_id integer,
    CONSTRAINT meta_vars_pkey PRIMARY KEY (vars_id),
    CONSTRAINT meta_vars_network_id_fkey FOREIGN KEY (network_id) REFERENCES ${schemaName}.meta_network (network_id)
);
