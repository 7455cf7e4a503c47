-- Table meta_contact as created by revision 522eed334c85 (Create initial database).
CREATE TABLE IF NOT EXISTS ${schemaName}.meta_contact (
    contact_id serial NOT NULL,
    name character varying,
    title character varying,
    organization character varying,
    email character varying,
    phone character varying,
    CONSTRAINT meta_contact_pkey PRIMARY KEY (contact_id)
);
