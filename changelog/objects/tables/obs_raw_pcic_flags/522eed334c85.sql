-- Table obs_raw_pcic_flags as created by revision 522eed334c85 (Create initial database).
CREATE TABLE IF NOT EXISTS ${schemaName}.obs_raw_pcic_flags (
    obs_raw_id bigint,
    pcic_flag_id integer,
    CONSTRAINT obs_raw_pcic_flags_obs_raw_id_fkey FOREIGN KEY (obs_raw_id) REFERENCES ${schemaName}.obs_raw (obs_raw_id),
    CONSTRAINT obs_raw_pcic_flags_pcic_flag_id_fkey FOREIGN KEY (pcic_flag_id) REFERENCES ${schemaName}.meta_pcic_flag (pcic_flag_id),
    CONSTRAINT obs_raw_pcic_flag_unique UNIQUE (obs_raw_id, pcic_flag_id)
);
