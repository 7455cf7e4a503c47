-- hxtk_add_foreign_hx_keys, version of revision 7ab87f8fbcf4 (unchanged up to head).
-- BEFORE INSERT row trigger on a history table. Its optional argument is a two-dimensional text array of
-- (referenced collection, foreign-key column) pairs, e.g. '{{meta_history, history_id}, {meta_vars, vars_id}}'.
-- For each pair it sets '<collection>_hx_id' to the latest history id of the referenced item (NULL when
-- there is none or the key is NULL), overriding any supplied value. Deleted items are not treated specially.
-- Unlike PyCDS (which names them unqualified), the referenced history tables are looked up in the schema of
-- the history table the trigger fires on, whatever the caller's search path (docs/known-defects.md).
CREATE OR REPLACE FUNCTION ${schemaName}.hxtk_add_foreign_hx_keys()
    RETURNS trigger
    LANGUAGE plpgsql
    VOLATILE
    COST 100
AS $function$
DECLARE
    pairs text[];
    collection text;
    fk_column text;
    fk_value integer;
    hx_id_column text;
    latest integer;
BEGIN
    IF TG_NARGS = 0 THEN
        RETURN NEW;
    END IF;
    pairs := TG_ARGV[0]::text[];
    FOR i IN 1 .. coalesce(array_length(pairs, 1), 0) LOOP
        collection := pairs[i][1];
        fk_column := pairs[i][2];
        hx_id_column := ${schemaName}.hxtk_hx_id_name(collection);
        fk_value := (to_jsonb(NEW) ->> fk_column)::integer;
        EXECUTE format('SELECT max(%I) FROM %I.%I WHERE %I = $1',
                       hx_id_column, TG_TABLE_SCHEMA, ${schemaName}.hxtk_hx_table_name(collection), fk_column)
            INTO latest
            USING fk_value;
        NEW := jsonb_populate_record(NEW, jsonb_build_object(hx_id_column, latest));
    END LOOP;
    RETURN NEW;
END;
$function$;
