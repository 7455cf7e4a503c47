package org.pacificclimate.crmp.sql;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for names spliced into SQL unquoted (the schema and the elevated role): a plain lowercase SQL
 * identifier that is not a reserved key word and not in PostgreSQL's {@code pg_} namespace.
 */
public final class Identifiers {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** PostgreSQL's reserved key words (Appendix C of its manual), which cannot be used unquoted as a name. */
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

    private Identifiers() {
    }

    /**
     * @param what what the name is for, used in the message ("schema name (PYCDS_SCHEMA_NAME)")
     * @return the name, when it is acceptable
     * @throws IllegalArgumentException with a message a maintainer can act on
     */
    public static String requirePlain(String what, String name) {
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
