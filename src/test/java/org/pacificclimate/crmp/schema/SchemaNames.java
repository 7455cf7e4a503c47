package org.pacificclimate.crmp.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pacificclimate.crmp.sql.Identifiers;

/**
 * The names a migrated schema depends on, and their replacement by the placeholders of the generated files:
 * the schema ({@code ${schemaName}}), the elevated role ({@code ${suRoleName}}) and the login role that ran the
 * migration ({@code ${migrationUser}}, which owns most objects).
 *
 * <p>A name is replaced where it stands as a whole SQL identifier (not inside a longer one:
 * {@code crmp_network_geoserver} stays); in addition the schema name inside PyCDS's index names
 * {@code ix_<schema>_...} is replaced. {@code HeadSchemaFileTest} checks that this is enough: a schema migrated
 * under other names normalises to the same text.
 */
record SchemaNames(String schema, String suRole, String migrationUser) {

    static final String SCHEMA_PLACEHOLDER = "${schemaName}";
    static final String SU_ROLE_PLACEHOLDER = "${suRoleName}";
    static final String MIGRATION_USER_PLACEHOLDER = "${migrationUser}";

    SchemaNames {
        Identifiers.requirePlain("schema name", schema);
        Identifiers.requirePlain("elevated role name", suRole);
        Identifiers.requirePlain("migration user", migrationUser);
        if (schema.equals(suRole) || schema.equals(migrationUser) || suRole.equals(migrationUser)) {
            throw new IllegalArgumentException("schema, elevated role and migration user need distinct names to be"
                    + " told apart: " + schema + ", " + suRole + ", " + migrationUser);
        }
    }

    /** Replaces the three names by their placeholders. */
    String normalise(String text) {
        String result = text.replace("ix_" + schema + "_", "ix_" + SCHEMA_PLACEHOLDER + "_");
        result = replaceIdentifier(result, schema, SCHEMA_PLACEHOLDER);
        result = replaceIdentifier(result, suRole, SU_ROLE_PLACEHOLDER);
        return replaceIdentifier(result, migrationUser, MIGRATION_USER_PLACEHOLDER);
    }

    /** {@code name} where neither neighbour is an identifier character (letters, digits, _ and $). */
    private static String replaceIdentifier(String text, String name, String placeholder) {
        Pattern word = Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(name) + "(?![A-Za-z0-9_$])");
        return word.matcher(text).replaceAll(Matcher.quoteReplacement(placeholder));
    }
}
