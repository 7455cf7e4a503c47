-- Function variable_tags, revision 83896ee79b06: the tags of a variable (a whole meta_vars row):
-- {climatology} when its net_var_name contains "climatology" in any letter case, else {observation}
-- (also for a NULL name). That is citext's regular-expression match of 'Climatology', which is
-- case-insensitive; written as the text operator ~* so that it does not depend on the search_path finding
-- citext's operators.
CREATE OR REPLACE FUNCTION ${schemaName}.variable_tags(var ${schemaName}.meta_vars)
    RETURNS text[]
    LANGUAGE sql
    VOLATILE
    PARALLEL UNSAFE
    COST 100
AS $$
    SELECT CASE
        WHEN var.net_var_name::text ~* 'Climatology' THEN ARRAY['climatology']::text[]
        ELSE ARRAY['observation']::text[]
    END
$$;
