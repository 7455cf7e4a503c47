-- Native matview climo_obs_count_mv (revision 96729d6db8b3), replacing the "fake" matview table of
-- 522eed334c85: number of climatological observations per history. A variable is climatological when
-- variable_tags() of its meta_vars row contains 'climatology' (net_var_name matches "Climatology",
-- case-insensitively); the companion view climo_obs_count_v of the table classified by cell_method instead.
-- Populated at creation (WITH DATA); afterwards only by REFRESH MATERIALIZED VIEW. Its one index is not
-- unique, so REFRESH ... CONCURRENTLY is not possible.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.climo_obs_count_mv AS
SELECT
    count(*) AS count,
    obs.history_id
FROM ${schemaName}.obs_raw AS obs
JOIN ${schemaName}.meta_vars AS var ON var.vars_id = obs.vars_id
WHERE ${schemaName}.variable_tags(var) @> ARRAY['climatology']::text[]
GROUP BY obs.history_id
WITH DATA;
