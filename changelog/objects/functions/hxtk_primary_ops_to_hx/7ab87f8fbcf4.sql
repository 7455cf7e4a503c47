-- hxtk_primary_ops_to_hx, version of revision 7ab87f8fbcf4 (unchanged up to head).
-- AFTER INSERT OR UPDATE OR DELETE row trigger on a tracked table: appends the row's state to the history
-- table '<table>_hx' (main columns in order, then deleted; the history id comes from its identity and the
-- foreign history ids from the history table's own trigger). A delete appends the last state with
-- deleted = true, stamped with the deleting role and time.
-- As in PyCDS, the history table name is unqualified, so the tracked table's schema must be on the search
-- path (docs/known-defects.md).
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
        EXECUTE format('INSERT INTO %I SELECT ($1).*, true', hx_table) USING OLD;
    ELSE
        EXECUTE format('INSERT INTO %I SELECT ($1).*, false', hx_table) USING NEW;
    END IF;
    RETURN NULL;
END;
$function$;
