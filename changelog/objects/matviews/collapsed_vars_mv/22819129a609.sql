-- Native matview collapsed_vars_mv, version 1 (revision 22819129a609), replacing the "fake" matview table of
-- 522eed334c85; same query as its companion view collapsed_vars_v. Per history with at least one
-- (history, variable) pair in vars_per_history_mv: its variables' identifiers (standard_name followed by
-- cell_method with every "time: " replaced by "_", joined with ", ") and display names (joined with "|"),
-- both in no particular order.
-- Reads vars_per_history_mv: refresh that one first. Populated at creation (WITH DATA); afterwards only by
-- REFRESH MATERIALIZED VIEW. Its one index is not unique, so REFRESH ... CONCURRENTLY is not possible.
-- Re-created from this file by the rollback of fecff1a73d7e.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.collapsed_vars_mv AS
SELECT
    vph.history_id,
    string_agg(var.standard_name::text || replace(var.cell_method::text, 'time: ', '_'), ', ') AS vars,
    string_agg(var.display_name::text, '|') AS display_names
FROM ${schemaName}.vars_per_history_mv AS vph
JOIN ${schemaName}.meta_vars AS var ON var.vars_id = vph.vars_id
GROUP BY vph.history_id
WITH DATA;
