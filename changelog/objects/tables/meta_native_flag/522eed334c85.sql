-- Table meta_native_flag as created by revision 522eed334c85 (Create initial database).
CREATE TABLE IF NOT EXISTS ${schemaName}.meta_native_flag (
    native_flag_id serial NOT NULL,
    flag_name character varying,
    description character varying,
    network_id integer,
    value character varying,
    discard boolean,
    CONSTRAINT meta_native_flag_pkey PRIMARY KEY (native_flag_id),
    CONSTRAINT meta_native_flag_network_id_fkey FOREIGN KEY (network_id) REFERENCES ${schemaName}.meta_network (network_id),
    CONSTRAINT meta_native_flag_unique UNIQUE (network_id, value)
);
