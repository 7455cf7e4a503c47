-- hxtk_collection_name_from_hx, version of revision 7ab87f8fbcf4 (unchanged up to head).
-- The collection (main table) a history table belongs to: the name without a trailing '_hx'.
CREATE OR REPLACE FUNCTION ${schemaName}.hxtk_collection_name_from_hx(hx_table_name text)
    RETURNS text
    LANGUAGE plpgsql
    VOLATILE
    COST 100
AS $function$
BEGIN
    RETURN regexp_replace(hx_table_name, '_hx$', '');
END;
$function$;
