package org.pacificclimate.crmp.model;

import java.util.List;

/**
 * A function of the head schema (trigger functions included). Its definition is its current body file, a
 * {@code CREATE OR REPLACE FUNCTION ${schemaName}.<name>(...)} statement of the changelogs: the model does not
 * copy what that file says (language, volatility, security, cost, body), it points to it.
 *
 * @param name              the function
 * @param identityArguments its identity arguments as PostgreSQL prints them
 *                          ({@code pg_get_function_identity_arguments}); a type without a schema is the row
 *                          type of one of the schema's own tables ({@code var meta_vars})
 * @param version           the revision that introduced the current version: the body file is
 *                          {@code changelog/objects/functions/<name>/<version>.sql}
 * @param owner             the function's owner
 * @param grants            privileges granted on it (none at head: PUBLIC keeps its default EXECUTE)
 */
public record FunctionDef(String name, String identityArguments, String version, Owner owner, List<Grant> grants) {

    public FunctionDef {
        grants = List.copyOf(grants);
    }

    /** The classpath (and repository) path of the current body file. */
    public String bodyFile() {
        return "changelog/objects/functions/" + name + "/" + version + ".sql";
    }
}
