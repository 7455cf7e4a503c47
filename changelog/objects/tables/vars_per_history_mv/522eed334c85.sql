-- Table vars_per_history_mv as created by revision 522eed334c85 (Create initial database).
-- "Fake" matview of the legacy database: an ordinary table, created empty.
-- Replaced by a native matview in 7a3b247c577b, whose rollback re-creates it from this file.
CREATE TABLE IF NOT EXISTS ${schemaName}.vars_per_history_mv (
    history_id integer NOT NULL,
    vars_id integer NOT NULL,
    CONSTRAINT vars_per_history_mv_pkey PRIMARY KEY (history_id, vars_id),
    CONSTRAINT vars_per_history_mv_history_id_fkey FOREIGN KEY (history_id) REFERENCES ${schemaName}.meta_history (history_id),
    CONSTRAINT vars_per_history_mv_vars_id_fkey FOREIGN KEY (vars_id) REFERENCES ${schemaName}.meta_vars (vars_id)
);
