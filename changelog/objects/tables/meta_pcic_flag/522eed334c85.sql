-- Table meta_pcic_flag as created by revision 522eed334c85 (Create initial database).
CREATE TABLE IF NOT EXISTS ${schemaName}.meta_pcic_flag (
    pcic_flag_id serial NOT NULL,
    flag_name character varying,
    description character varying,
    discard boolean,
    CONSTRAINT meta_pcic_flag_pkey PRIMARY KEY (pcic_flag_id)
);
