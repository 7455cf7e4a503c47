-- getstationvariabletable, original version (revision 4a2f1879293a, replaced in efde19ea4f52).
-- Returns (does not run) the text of a SELECT that pivots one station's observations into one row
-- per obs_time with one column per variable:
--   SELECT obs_time,MAX(CASE WHEN vars_id=<id> THEN datum END) as <net_var_name>,...
--   from <schema>.obs_raw WHERE (history_id = <h> OR ...) AND vars_id IN (<id>,...)
--   GROUP BY obs_time ORDER BY obs_time
-- Variables: those of the station's network (meta_vars NATURAL JOIN meta_station) whose cell_method
-- matches '(within|over)' when climo is true, or does not match it otherwise, ordered by
-- net_var_name. Histories: every history of the station, in the order the database returns them.
-- An unknown station yields "... WHERE () AND vars_id IN () ..." (returned, invalid if executed).
CREATE OR REPLACE FUNCTION ${schemaName}.getstationvariabletable(station_id integer, climo boolean)
    RETURNS text
    LANGUAGE plpython3u
    VOLATILE
    COST 100
AS $function$
if climo:
    cell_method_test = "cell_method ~ '(within|over)'"
else:
    cell_method_test = "cell_method !~ '(within|over)'"

variables_plan = plpy.prepare(
    "SELECT vars_id, net_var_name "
    "FROM ${schemaName}.meta_vars NATURAL JOIN ${schemaName}.meta_station "
    "WHERE station_id = $1 AND " + cell_method_test + " "
    "ORDER BY net_var_name",
    ["integer"])
variables = plpy.execute(variables_plan, [station_id])

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
        + " from ${schemaName}.obs_raw WHERE (" + " OR ".join(history_clauses)
        + ") AND vars_id IN (" + ",".join(vars_ids)
        + ") GROUP BY obs_time ORDER BY obs_time")
$function$;
