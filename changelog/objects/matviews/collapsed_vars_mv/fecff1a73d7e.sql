-- Native matview collapsed_vars_mv, version 2 (revision fecff1a73d7e; re-created unchanged by 3505750d3416).
-- Per history with at least one (history, variable) pair in vars_per_history_mv, in this column order:
--   vars_ids              the variables' ids, ascending;
--   unique_variable_tags  the distinct tags of variable_tags() over the variables (PyCDS leaves the order
--                         unspecified; here they are sorted);
--   display_names         the display names ordered by vars_id, joined with "|" (NULLs skipped);
--   vars                  per variable ordered by vars_id, standard_name followed by cell_method with every
--                         "time: " replaced by "_", joined with ", ".
-- Reads vars_per_history_mv: refresh that one first. Populated at creation (WITH DATA); afterwards only by
-- REFRESH MATERIALIZED VIEW. Its one index is not unique, so REFRESH ... CONCURRENTLY is not possible.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.collapsed_vars_mv AS
SELECT
    vph.history_id,
    array_agg(var.vars_id ORDER BY var.vars_id) AS vars_ids,
    ARRAY(
        SELECT DISTINCT tag
        FROM unnest(array_agg(${schemaName}.variable_tags(var))) AS tag
        ORDER BY tag
    ) AS unique_variable_tags,
    string_agg(var.display_name::text, '|' ORDER BY var.vars_id) AS display_names,
    string_agg(var.standard_name::text || replace(var.cell_method::text, 'time: ', '_'), ', ' ORDER BY var.vars_id) AS vars
FROM ${schemaName}.vars_per_history_mv AS vph
JOIN ${schemaName}.meta_vars AS var ON var.vars_id = vph.vars_id
GROUP BY vph.history_id
WITH DATA;
