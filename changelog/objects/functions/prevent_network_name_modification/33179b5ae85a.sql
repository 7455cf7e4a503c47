-- prevent_network_name_modification, version of revision 33179b5ae85a (unchanged up to head).
-- BEFORE UPDATE row trigger on meta_network: network_name is immutable (NULL to a value and back count as
-- changes); any attempt raises P0001 'Modification of network_name column is not allowed'.
CREATE OR REPLACE FUNCTION ${schemaName}.prevent_network_name_modification()
    RETURNS trigger
    LANGUAGE plpgsql
    VOLATILE
    COST 100
AS $function$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.network_name IS DISTINCT FROM NEW.network_name THEN
        RAISE EXCEPTION 'Modification of network_name column is not allowed';
    END IF;
    RETURN NEW;
END;
$function$;
