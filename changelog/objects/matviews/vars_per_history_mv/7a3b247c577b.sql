-- Native matview vars_per_history_mv, version 1 (revision 7a3b247c577b): the distinct
-- (history_id, vars_id) pairs of obs_raw. Populated at creation (WITH DATA).
CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.vars_per_history_mv AS
SELECT DISTINCT
    obs.history_id,
    obs.vars_id
FROM ${schemaName}.obs_raw AS obs
WITH DATA;
