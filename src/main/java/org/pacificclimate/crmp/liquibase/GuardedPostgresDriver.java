package org.pacificclimate.crmp.liquibase;

import java.io.File;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The JDBC driver the Maven goals use: it refuses bad input before the first byte reaches the server, then
 * hands the connection to PgJDBC. It is the earliest hook the Liquibase Maven plugin offers (the plugin
 * runs {@code SET search_path} with the schema name as soon as it connects).
 *
 * <p>It checks what Maven knows and Liquibase does not: the database labels requested with {@code -P} against
 * {@code environments/<label>.properties}, whether any database was chosen at all ({@code jdbc:pycds:no-label}
 * is the placeholder URL used when neither a label nor {@code -Dliquibase.url} was given), and the schema and
 * elevated role names. The pom passes these as system properties {@value #REQUESTED_PROFILES},
 * {@value #ENVIRONMENTS_DIRECTORY}, {@value #SCHEMA_NAME} and {@value #SU_ROLE_NAME}.
 */
public class GuardedPostgresDriver implements Driver {

    public static final String NO_LABEL_URL_PREFIX = "jdbc:pycds:";
    public static final String REQUESTED_PROFILES = "pycds.requestedProfiles";
    public static final String ENVIRONMENTS_DIRECTORY = "pycds.environmentsDirectory";
    public static final String SCHEMA_NAME = "pycds.schemaName";
    public static final String SU_ROLE_NAME = "pycds.suRoleName";

    /** Profiles of the pom that are not database labels. */
    private static final Set<String> NON_LABEL_PROFILES = Set.of("schema-from-environment", "su-role-from-environment");

    private final Driver postgres = new org.postgresql.Driver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Set<String> known = knownLabels();
        List<String> unknown = unknownLabels(System.getProperty(REQUESTED_PROFILES), known);
        if (!unknown.isEmpty()) {
            throw new SQLException("Unknown database label" + (unknown.size() > 1 ? "s " : " ")
                    + unknown.stream().map(l -> "'" + l + "'").collect(Collectors.joining(", "))
                    + ". Known labels: " + String.join(", ", known) + " (environments/<label>.properties)."
                    + " Nothing was changed.", "28000");
        }
        if (url.startsWith(NO_LABEL_URL_PREFIX)) {
            throw new SQLException("No database chosen: use -P<label> with a label of environments/ ("
                    + String.join(", ", known) + "), or -Dliquibase.url=jdbc:postgresql://HOST:PORT/DB "
                    + "-Dliquibase.username=USER.", "08001");
        }
        String schema = valueOr(SCHEMA_NAME, PycdsParameters.DEFAULT_SCHEMA_NAME);
        try {
            PycdsParameters.validate(schema, valueOr(SU_ROLE_NAME, PycdsParameters.DEFAULT_SU_ROLE_NAME));
        } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage() + " Nothing was changed.", "22023");
        }
        // Some of the Maven plugin's rollback queries name the changelog table unqualified: the session's
        // search_path must start with the target schema (public keeps PostGIS and hstore reachable).
        Properties properties = new Properties();
        if (info != null) {
            properties.putAll(info);
        }
        if (!url.contains("currentSchema=") && !properties.containsKey("currentSchema")) {
            properties.setProperty("currentSchema", schema + ",public");
        }
        return postgres.connect(url, properties);
    }

    private static String valueOr(String property, String fallback) {
        String value = System.getProperty(property);
        return value == null ? fallback : value;
    }

    /** The labels are the names of environments/*.properties (hidden files are not labels). */
    private static Set<String> knownLabels() {
        File directory = new File(System.getProperty(ENVIRONMENTS_DIRECTORY, "environments"));
        Set<String> labels = new TreeSet<>();
        String[] files = directory.list((dir, name) -> name.endsWith(".properties") && !name.startsWith("."));
        if (files != null) {
            for (String name : files) {
                labels.add(name.substring(0, name.length() - ".properties".length()));
            }
        }
        return labels;
    }

    /** @param requested Maven's list of requested profiles, as text: "[dev, !foo]" */
    public static List<String> unknownLabels(String requested, Set<String> known) {
        List<String> unknown = new ArrayList<>();
        if (requested == null) {
            return unknown;
        }
        for (String profile : requested.replaceAll("[\\[\\]]", "").split("[,\\s]+")) {
            if (profile.isEmpty() || profile.startsWith("!") || profile.startsWith("-")) {
                continue; // deactivations name profiles that need not exist
            }
            String name = profile.startsWith("+") ? profile.substring(1) : profile;
            if (!known.contains(name) && !NON_LABEL_PROFILES.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return url != null && (url.startsWith(NO_LABEL_URL_PREFIX) || postgres.acceptsURL(url));
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return postgres.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return postgres.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return postgres.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return postgres.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return postgres.getParentLogger();
    }
}
