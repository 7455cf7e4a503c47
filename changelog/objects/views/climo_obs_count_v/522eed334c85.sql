-- View climo_obs_count_v, revision 522eed334c85 (v1): number of climatological observations per history,
-- a variable being climatological when its cell_method contains "within" or "over" (case-sensitive).
CREATE OR REPLACE VIEW ${schemaName}.climo_obs_count_v AS
SELECT
    count(*) AS count,
    obs.history_id
FROM ${schemaName}.obs_raw AS obs
JOIN ${schemaName}.meta_vars AS var ON var.vars_id = obs.vars_id
WHERE var.cell_method::text ~ '(within|over)'
GROUP BY obs.history_id;
