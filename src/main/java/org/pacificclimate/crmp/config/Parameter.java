package org.pacificclimate.crmp.config;

import org.pacificclimate.crmp.sql.Identifiers;

/**
 * The maintenance guide's two parameters. Each has one key on every channel: the changelog parameter
 * ({@code ${schemaName}}), the command line ({@code -Dpycds.schemaName=} in Maven, the launcher's own option), the
 * setting in {@code environments/<label>.properties}; plus its environment variable and its default. The default and
 * the validation live here and nowhere else.
 */
public enum Parameter {

    SCHEMA_NAME("schemaName", "PYCDS_SCHEMA_NAME", "crmp", "schema name"),
    SU_ROLE_NAME("suRoleName", "PYCDS_SU_ROLE_NAME", "pcicdba", "elevated role name");

    private final String key;
    private final String environmentVariable;
    private final String defaultValue;
    private final String description;

    Parameter(String key, String environmentVariable, String defaultValue, String description) {
        this.key = key;
        this.environmentVariable = environmentVariable;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The changelog parameter, the label-file setting and the command-line key. */
    public String key() {
        return key;
    }

    /** The JVM system property Maven's {@code -D} sets: {@code pycds.<key>}. */
    public String systemProperty() {
        return "pycds." + key;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** "schema name (PYCDS_SCHEMA_NAME)", as error messages name it. */
    public String description() {
        return description + " (" + environmentVariable + ")";
    }

    /** @return the value, when it is a name that is safe to splice into SQL unquoted */
    public String validate(String value) {
        return Identifiers.requirePlain(description(), value);
    }
}
