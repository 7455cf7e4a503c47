-- do_query_one_station, version of revision 4a2f1879293a (unchanged up to head).
-- Opens a NO SCROLL cursor named "result" on the SQL text of query_one_station(station_id) and
-- returns its name. Use inside a transaction and FETCH from "result"; a second call in the same
-- transaction fails (cursor name in use), and an invalid generated SQL text makes it fail.
CREATE OR REPLACE FUNCTION ${schemaName}.do_query_one_station(station_id integer)
    RETURNS refcursor
    LANGUAGE plpgsql
    VOLATILE
    COST 100
AS $function$
DECLARE
    result refcursor := 'result';
BEGIN
    OPEN result NO SCROLL FOR EXECUTE ${schemaName}.query_one_station(station_id);
    RETURN result;
END;
$function$;
