-- hxtk_hx_id_name, version of revision 7ab87f8fbcf4 (unchanged up to head).
-- The primary-key column of a collection's history table: '<collection>_hx_id'.
CREATE OR REPLACE FUNCTION ${schemaName}.hxtk_hx_id_name(collection_name text)
    RETURNS text
    LANGUAGE plpgsql
    VOLATILE
    COST 100
AS $function$
BEGIN
    RETURN collection_name || '_hx_id';
END;
$function$;
