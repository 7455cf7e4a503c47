-- Table climo_obs_count_mv as created by revision 522eed334c85 (Create initial database).
-- "Fake" matview of the legacy database: an ordinary table, created empty.
CREATE TABLE IF NOT EXISTS ${schemaName}.climo_obs_count_mv (
    count bigint,
    history_id integer NOT NULL,
    CONSTRAINT climo_obs_count_mv_pkey PRIMARY KEY (history_id),
    CONSTRAINT climo_obs_count_mv_history_id_fkey FOREIGN KEY (history_id) REFERENCES ${schemaName}.meta_history (history_id)
);
