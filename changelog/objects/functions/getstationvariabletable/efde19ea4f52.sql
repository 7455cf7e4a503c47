-- getstationvariabletable, version 2 (revision efde19ea4f52; the head version). Replaces version 1 in
-- place with CREATE OR REPLACE (same signature; PyCDS drops and re-creates it, same resulting catalog).
-- Returns (does not run) the text of a SELECT that pivots one station's observations into one row
-- per obs_time with one column per variable:
--   SELECT obs_time,MAX(CASE WHEN vars_id=<id> THEN datum END) as <net_var_name>,...
--   from obs_raw WHERE (history_id = <h> OR ...) AND vars_id IN (<id>,...)
--   GROUP BY obs_time ORDER BY obs_time
-- Changes from version 1 (4a2f1879293a):
-- * variables: those of the station's network (meta_vars joined to meta_station on network_id, not a
--   NATURAL JOIN) whose variable_tags(meta_vars row) contain 'climatology' when climo is true, or
--   'observation' otherwise; ordered by net_var_name (citext, so case-insensitively);
-- * the returned statement names obs_raw unqualified, as PyCDS's does: running it needs the schema
--   on the search_path.
-- Unchanged: histories are every history of the station, in the order the database returns them;
-- the alias is the raw net_var_name, unquoted; an unknown station yields
-- "... WHERE () AND vars_id IN () ..." (returned, invalid if executed).
CREATE OR REPLACE FUNCTION ${schemaName}.getstationvariabletable(station_id integer, climo boolean)
    RETURNS text
    LANGUAGE plpython3u
    VOLATILE
    COST 100
AS $function$
tag = "climatology" if climo else "observation"

variables_plan = plpy.prepare(
    "SELECT vars.vars_id, vars.net_var_name "
    "FROM ${schemaName}.meta_vars AS vars "
    "JOIN ${schemaName}.meta_station AS stn ON stn.network_id = vars.network_id "
    "WHERE stn.station_id = $1 AND ${schemaName}.variable_tags(vars) @> ARRAY[$2]::text[] "
    "ORDER BY vars.net_var_name",
    ["integer", "text"])
variables = plpy.execute(variables_plan, [station_id, tag])

histories_plan = plpy.prepare(
    "SELECT history_id FROM ${schemaName}.meta_history WHERE station_id = $1",
    ["integer"])
histories = plpy.execute(histories_plan, [station_id])

columns = ["obs_time"] + [
    "MAX(CASE WHEN vars_id=%s THEN datum END) as %s" % (v["vars_id"], v["net_var_name"])
    for v in variables]
history_clauses = ["history_id = %s" % h["history_id"] for h in histories]
vars_ids = ["%s" % v["vars_id"] for v in variables]

return ("SELECT " + ",".join(columns)
        + " from obs_raw WHERE (" + " OR ".join(history_clauses)
        + ") AND vars_id IN (" + ",".join(vars_ids)
        + ") GROUP BY obs_time ORDER BY obs_time")
$function$;
