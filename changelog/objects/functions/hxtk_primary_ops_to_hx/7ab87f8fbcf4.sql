-- hxtk_primary_ops_to_hx, version of revision 7ab87f8fbcf4 (unchanged up to head).
-- AFTER INSERT OR UPDATE OR DELETE row trigger on a tracked table: appends the row's state to the history
-- table '<table>_hx' (main columns in order, then deleted; the history id comes from its identity and the
-- foreign history ids from the history table's own trigger). A delete appends the last state with
-- deleted = true, stamped with the deleting role and time.
-- Unlike PyCDS (whose history table name is unqualified), every name is qualified: the history table is
-- looked up in the tracked table's own schema, whatever the caller's search path (docs/known-defects.md).
CREATE OR REPLACE FUNCTION ${schemaName}.hxtk_primary_ops_to_hx()
    RETURNS trigger
    LANGUAGE plpgsql
    VOLATILE
    COST 100
AS $function$
DECLARE
    hx_table text := ${schemaName}.hxtk_hx_table_name(TG_TABLE_NAME);
BEGIN
    IF TG_OP = 'DELETE' THEN
        OLD.mod_time := now();
        OLD.mod_user := current_user;
        EXECUTE format('INSERT INTO %I.%I SELECT ($1).*, true', TG_TABLE_SCHEMA, hx_table) USING OLD;
    ELSE
        EXECUTE format('INSERT INTO %I.%I SELECT ($1).*, false', TG_TABLE_SCHEMA, hx_table) USING NEW;
    END IF;
    RETURN NULL;
END;
$function$;
