package org.pacificclimate.crmp.liquibase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.logging.Logger;

import org.pacificclimate.crmp.config.ConfigResolver;
import org.pacificclimate.crmp.config.Connector;
import org.pacificclimate.crmp.config.LockSettings;
import org.pacificclimate.crmp.config.Parameter;
import org.pacificclimate.crmp.config.Settings;

/**
 * The JDBC driver of the Maven goals: the earliest hook the Liquibase Maven plugin offers (it connects before
 * anything else). It resolves the database through {@link ConfigResolver} — the label chosen with {@code -P<label>},
 * or {@code -Dliquibase.url} — refuses bad input before the first byte reaches the server, finds the password as
 * libpq does, then hands the connection to PgJDBC.
 *
 * <p>The pom gives the plugin the placeholder URL {@value #FROM_LABEL} ("the database of the chosen label") and these
 * system properties: {@value #REQUESTED_PROFILES} (Maven's requested profiles), {@value #ENVIRONMENTS_DIRECTORY}.
 * The schema and elevated role come from {@code -Dpycds.schemaName} / {@code -Dpycds.suRoleName}, the environment
 * ({@code PYCDS_SCHEMA_NAME}, {@code PYCDS_SU_ROLE_NAME}) or the label file, in that order.
 */
public class GuardedPostgresDriver implements Driver {

    /** The URL that means "the database of the label chosen with -P&lt;label&gt;". */
    public static final String FROM_LABEL = "jdbc:pycds:label";
    public static final String REQUESTED_PROFILES = "pycds.requestedProfiles";
    public static final String ENVIRONMENTS_DIRECTORY = "pycds.environmentsDirectory";

    /** Profiles of the pom that are not database labels. */
    private static final Set<String> NON_LABEL_PROFILES = Set.of();

    private static final Map<Connection, Settings> SESSIONS = new WeakHashMap<>();

    private final Driver postgres = new org.postgresql.Driver();

    @Override
    public Connection connect(String url, Properties given) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Properties info = withoutUnsetValues(given);
        if (!url.contains("ApplicationName=")) {
            info.putIfAbsent("ApplicationName", "crmp (mvn)"); // how a waiting migration names the one it waits for
        }
        Settings settings;
        try {
            settings = mavenSettings(url, info);
        } catch (IllegalArgumentException e) {
            throw refusal(new SQLException(e.getMessage(), "22023"));
        }
        if (settings.url().isEmpty()) {
            throw refusal(new SQLException("No database chosen: use -P<label> with a label of environments/ ("
                    + String.join(", ", resolver(info).labels()) + "), or -Dliquibase.url=jdbc:postgresql://HOST:PORT/DB"
                    + " -Dliquibase.username=USER. Nothing was changed.", "08001"));
        }
        Connection connection;
        try {
            connection = Connector.open(postgres, settings.url().get(), info, settings, System.getenv(),
                    warning -> System.err.println("[WARNING] " + warning), "-Dliquibase.password (or a settings.xml "
                            + "server with -Dliquibase.server=<id>)");
        } catch (SQLException e) {
            throw refusal(e);
        }
        synchronized (SESSIONS) {
            SESSIONS.put(connection, settings);
        }
        return connection;
    }

    /**
     * Liquibase wraps a driver's exception three times, each wrapper prefixing the inner one's class name; the one
     * plain line comes first, on standard error.
     */
    private static SQLException refusal(SQLException e) {
        System.err.println("[ERROR] " + e.getMessage());
        return e;
    }

    /**
     * The plugin passes a user or password it was not given as the text "null" (its value modifiers turn null into
     * text) and an empty password for none: both mean "not given", so the label's user and libpq's password rules
     * apply.
     */
    private static Properties withoutUnsetValues(Properties given) {
        Properties info = new Properties();
        if (given != null) {
            info.putAll(given);
        }
        for (String key : new String[] {"user", "password"}) {
            String value = info.getProperty(key);
            if (value != null && (value.isEmpty() || value.equals("null"))) {
                info.remove(key);
            }
        }
        return info;
    }

    /** The settings a connection of this driver was opened with (so the command step applies the same ones). */
    static Optional<Settings> settingsOf(Connection connection) {
        synchronized (SESSIONS) {
            return Optional.ofNullable(SESSIONS.get(connection));
        }
    }

    /** The settings of this Maven run: command line, environment, the chosen label's file, defaults. */
    static Settings mavenSettings(String url, Properties info) {
        return resolver(info, url).resolve(ConfigResolver.mavenProfiles(System.getProperty(REQUESTED_PROFILES)),
                NON_LABEL_PROFILES);
    }

    private static ConfigResolver resolver(Properties info) {
        return resolver(info, FROM_LABEL);
    }

    private static ConfigResolver resolver(Properties info, String url) {
        Map<String, String> commandLine = new HashMap<>();
        if (url != null && !url.startsWith(FROM_LABEL)) {
            commandLine.put(ConfigResolver.URL, url);
        }
        if (info != null && info.getProperty("user") != null) {
            commandLine.put(ConfigResolver.USERNAME, info.getProperty("user"));
        }
        for (Parameter parameter : Parameter.values()) {
            String value = System.getProperty(parameter.systemProperty());
            if (value != null) {
                commandLine.put(parameter.key(), value);
            }
        }
        for (LockSettings.Key key : LockSettings.Key.values()) {
            String value = System.getProperty(key.systemProperty());
            if (value != null) {
                commandLine.put(key.key(), value);
            }
        }
        return ConfigResolver.forProcess(commandLine, Path.of(System.getProperty(ENVIRONMENTS_DIRECTORY, "environments")));
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return url != null && (url.startsWith(FROM_LABEL) || postgres.acceptsURL(url));
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
