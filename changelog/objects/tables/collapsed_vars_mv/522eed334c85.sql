-- Table collapsed_vars_mv as created by revision 522eed334c85 (Create initial database).
-- "Fake" matview of the legacy database: an ordinary table, created empty.
-- Re-created from this file by 7a3b247c577b.
CREATE TABLE IF NOT EXISTS ${schemaName}.collapsed_vars_mv (
    history_id integer NOT NULL,
    vars character varying,
    display_names character varying,
    CONSTRAINT collapsed_vars_mv_pkey PRIMARY KEY (history_id),
    CONSTRAINT collapsed_vars_mv_history_id_fkey FOREIGN KEY (history_id) REFERENCES ${schemaName}.meta_history (history_id)
);
