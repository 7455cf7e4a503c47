-- set_network_display_name_default, version of revision 33179b5ae85a (unchanged up to head).
-- BEFORE INSERT row trigger on meta_network: a network inserted without a display name gets its
-- network_name as display name. Updates are not affected.
CREATE OR REPLACE FUNCTION ${schemaName}.set_network_display_name_default()
    RETURNS trigger
    LANGUAGE plpgsql
    VOLATILE
    COST 100
AS $function$
BEGIN
    IF NEW.network_display_name IS NULL THEN
        NEW.network_display_name := NEW.network_name;
    END IF;
    RETURN NEW;
END;
$function$;
