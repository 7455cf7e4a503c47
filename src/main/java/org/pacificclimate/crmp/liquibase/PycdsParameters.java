package org.pacificclimate.crmp.liquibase;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The maintenance guide's two parameters as changelog parameters, and the rule that makes it safe to splice
 * them into SQL unquoted: a plain lowercase SQL identifier that is not a reserved word.
 */
public final class PycdsParameters {

    /** Changelog parameter holding the target schema (PYCDS_SCHEMA_NAME, default crmp). */
    public static final String SCHEMA_NAME = "schemaName";
    /** Changelog parameter holding the elevated role (PYCDS_SU_ROLE_NAME, default pcicdba). */
    public static final String SU_ROLE_NAME = "suRoleName";

    public static final String SCHEMA_ENVIRONMENT_VARIABLE = "PYCDS_SCHEMA_NAME";
    public static final String SU_ROLE_ENVIRONMENT_VARIABLE = "PYCDS_SU_ROLE_NAME";
    public static final String DEFAULT_SCHEMA_NAME = "crmp";
    public static final String DEFAULT_SU_ROLE_NAME = "pcicdba";

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** PostgreSQL's reserved key words (Appendix C), which cannot be used unquoted as a name. */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
            "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
            "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct",
            "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant",
            "group", "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join",
            "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not",
            "notnull", "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary",
            "references", "returning", "right", "select", "session_user", "similar", "some", "symmetric",
            "system_user", "table", "tablesample", "then", "to", "trailing", "true", "union", "unique", "user",
            "using", "variadic", "verbose", "when", "where", "window", "with");

    private PycdsParameters() {
    }

    /** Both parameters, with messages naming the environment variables that set them. */
    public static void validate(String schemaName, String suRoleName) {
        requirePlainIdentifier("schema name (" + SCHEMA_ENVIRONMENT_VARIABLE + ")", schemaName);
        requirePlainIdentifier("elevated role name (" + SU_ROLE_ENVIRONMENT_VARIABLE + ")", suRoleName);
    }

    /**
     * @param what what the name is for, used in the message ("schema name (PYCDS_SCHEMA_NAME)")
     * @return the name, when it is acceptable
     * @throws IllegalArgumentException with a message a maintainer can act on
     */
    public static String requirePlainIdentifier(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("The " + what + " is missing.");
        }
        if (!PLAIN_IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("The " + what + " '" + name + "' is not a plain lowercase SQL "
                    + "identifier: use lowercase letters, digits and underscores, starting with a letter or "
                    + "underscore, at most 63 characters.");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("The " + what + " '" + name + "' is a reserved SQL key word.");
        }
        if (name.startsWith("pg_")) {
            throw new IllegalArgumentException("The " + what + " '" + name + "' uses the prefix pg_, which "
                    + "PostgreSQL reserves for system objects.");
        }
        return name;
    }
}
