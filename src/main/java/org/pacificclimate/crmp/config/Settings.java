package org.pacificclimate.crmp.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where to migrate and with which parameters, resolved by {@link ConfigResolver} and already validated.
 *
 * @param label    the database label, when one was chosen
 * @param url      the JDBC URL, when one is known (from the command line or the label)
 * @param username the login role, when one is known
 * @param sources  where each value came from ("PYCDS_SCHEMA_NAME", "environments/dev.properties", "default", ...),
 *                 by key ({@code url}, {@code username}, {@code schemaName}, {@code suRoleName})
 * @param locks    how the migration waits for locks ({@code lockTimeout}, {@code ddlLockTimeout},
 *                 {@code ddlLockRetries}; docs/reliability.md)
 */
public record Settings(Optional<String> label, Optional<String> url, Optional<String> username, String schemaName,
                       String suRoleName, Map<String, String> sources, LockSettings locks) {

    /** Settings with the default lock settings. */
    public Settings(Optional<String> label, Optional<String> url, Optional<String> username, String schemaName,
                    String suRoleName, Map<String, String> sources) {
        this(label, url, username, schemaName, suRoleName, sources, LockSettings.defaults());
    }

    public String value(Parameter parameter) {
        return parameter == Parameter.SCHEMA_NAME ? schemaName : suRoleName;
    }

    /** Where {@code key}'s value came from, for messages. */
    public String sourceOf(String key) {
        return sources.getOrDefault(key, "nowhere");
    }
}
