-- View collapsed_vars_v, revision 522eed334c85: the defining query of the "fake" matview table
-- collapsed_vars_mv. Per history, its variables' identifiers (standard_name followed by cell_method with
-- every "time: " replaced by "_", joined with ", ") and display names (joined with "|"); no ordering.
-- Re-created unchanged by 7a3b247c577b (then reading the native matview vars_per_history_mv).
CREATE OR REPLACE VIEW ${schemaName}.collapsed_vars_v AS
SELECT
    vph.history_id,
    string_agg(var.standard_name::text || replace(var.cell_method::text, 'time: ', '_'), ', ') AS vars,
    string_agg(var.display_name::text, '|') AS display_names
FROM ${schemaName}.vars_per_history_mv AS vph
JOIN ${schemaName}.meta_vars AS var ON var.vars_id = vph.vars_id
GROUP BY vph.history_id;
