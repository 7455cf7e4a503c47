-- Table obs_count_per_month_history_mv as created by revision 522eed334c85 (Create initial database).
-- "Fake" matview of the legacy database: an ordinary table, created empty.
CREATE TABLE IF NOT EXISTS ${schemaName}.obs_count_per_month_history_mv (
    count integer,
    date_trunc timestamp without time zone NOT NULL,
    history_id integer NOT NULL,
    CONSTRAINT obs_count_per_month_history_mv_pkey PRIMARY KEY (date_trunc, history_id),
    CONSTRAINT obs_count_per_month_history_mv_history_id_fkey FOREIGN KEY (history_id) REFERENCES ${schemaName}.meta_history (history_id)
);
