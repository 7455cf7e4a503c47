-- hxtk_hx_table_name, version of revision 7ab87f8fbcf4 (unchanged up to head).
-- The history table of a collection: '<collection>_hx'.
CREATE OR REPLACE FUNCTION ${schemaName}.hxtk_hx_table_name(collection_name text)
    RETURNS text
    LANGUAGE plpgsql
    VOLATILE
    COST 100
AS $function$
BEGIN
    RETURN collection_name || '_hx';
END;
$function$;
