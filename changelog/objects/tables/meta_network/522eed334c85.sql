-- Table meta_network as created by revision 522eed334c85 (Create initial database).
CREATE TABLE IF NOT EXISTS ${schemaName}.meta_network (
    network_id serial NOT NULL,
    network_name character varying,
    description character varying,
    virtual character varying(255),
    publish boolean,
    col_hex character varying,
    contact_id integer,
    CONSTRAINT meta_network_pkey PRIMARY KEY (network_id),
    CONSTRAINT meta_network_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES ${schemaName}.meta_contact (contact_id)
);
