-- query_one_station, version of revision 4a2f1879293a (unchanged up to head).
-- The SQL text of getStationVariableTable(station_id, false) (observations, not climatologies).
CREATE OR REPLACE FUNCTION ${schemaName}.query_one_station(station_id integer)
    RETURNS text
    LANGUAGE plpython3u
    VOLATILE
    COST 100
AS $function$
plan = plpy.prepare(
    "SELECT ${schemaName}.getStationVariableTable($1, false) AS stmt", ["integer"])
return plpy.execute(plan, [station_id])[0]["stmt"]
$function$;
