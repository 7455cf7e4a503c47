-- hxtk_primary_control_hx_cols, version of revision 7ab87f8fbcf4 (unchanged up to head).
-- BEFORE INSERT OR UPDATE OR DELETE row trigger on a tracked table: mod_time and mod_user always record
-- now() and the acting role, whatever the statement supplied. On DELETE there is no new row; returning the
-- old one (never NULL) lets the delete proceed.
CREATE OR REPLACE FUNCTION ${schemaName}.hxtk_primary_control_hx_cols()
    RETURNS trigger
    LANGUAGE plpgsql
    VOLATILE
    COST 100
AS $function$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    NEW.mod_time := now();
    NEW.mod_user := current_user;
    RETURN NEW;
END;
$function$;
