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
-- Awkward inputs behave as PyCDS's: the station id is spliced into the look-up queries as the text of
-- the Python value, so a NULL station_id becomes the word None there and the call fails with SQLSTATE
-- 42703 (column "none" does not exist); a NULL climo means observation variables; a qualifying
-- variable whose net_var_name is NULL fails with SQLSTATE 38000 (TypeError: can only concatenate str
-- (not "NoneType") to str), because the statement is built by string concatenation.
CREATE OR REPLACE FUNCTION ${schemaName}.getstationvariabletable(station_id integer, climo boolean)
    RETURNS text
    LANGUAGE plpython3u
    VOLATILE
    COST 100
AS $function$
tag = "climatology" if climo else "observation"

variables = plpy.execute(
    "SELECT vars.vars_id, vars.net_var_name "
    "FROM ${schemaName}.meta_vars AS vars "
    "JOIN ${schemaName}.meta_station AS stn ON stn.network_id = vars.network_id "
    "WHERE stn.station_id = " + str(station_id) + " "
    "AND ${schemaName}.variable_tags(vars) @> ARRAY['" + tag + "']::text[] "
    "ORDER BY vars.net_var_name")

histories = plpy.execute(
    "SELECT history_id FROM ${schemaName}.meta_history WHERE station_id = " + str(station_id))

columns = ["obs_time"] + [
    "MAX(CASE WHEN vars_id=" + str(v["vars_id"]) + " THEN datum END) as " + v["net_var_name"]
    for v in variables]
history_clauses = ["history_id = " + str(h["history_id"]) for h in histories]
vars_ids = [str(v["vars_id"]) for v in variables]

return ("SELECT " + ",".join(columns)
        + " from obs_raw WHERE (" + " OR ".join(history_clauses)
        + ") AND vars_id IN (" + ",".join(vars_ids)
        + ") GROUP BY obs_time ORDER BY obs_time")
$function$;
