-- Table obs_raw_native_flags as created by revision 522eed334c85 (Create initial database).
CREATE TABLE IF NOT EXISTS ${schemaName}.obs_raw_native_flags (
    obs_raw_id bigint,
    native_flag_id integer,
    CONSTRAINT obs_raw_native_flags_native_flag_id_fkey FOREIGN KEY (native_flag_id) REFERENCES ${schemaName}.meta_native_flag (native_flag_id),
    CONSTRAINT obs_raw_native_flags_obs_raw_id_fkey FOREIGN KEY (obs_raw_id) REFERENCES ${schemaName}.obs_raw (obs_raw_id),
    CONSTRAINT obs_raw_native_flag_unique UNIQUE (obs_raw_id, native_flag_id)
);
