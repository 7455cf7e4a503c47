-- Table meta_sensor as created by revision 522eed334c85 (Create initial database).
CREATE TABLE IF NOT EXISTS ${schemaName}.meta_sensor (
    sensor_id serial NOT NULL,
    name character varying(255),
    CONSTRAINT meta_sensor_pkey PRIMARY KEY (sensor_id)
);
