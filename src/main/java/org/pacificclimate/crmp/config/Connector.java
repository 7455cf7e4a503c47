package org.pacificclimate.crmp.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Opens the migration connection: the login role and its password (given, else found by libpq's rules), the search
 * path starting at the target schema ({@code public} after it keeps PostGIS and hstore reachable), and failures
 * turned into one line a maintainer can act on.
 *
 * <p>The session is set up so that its work stops soon after its client dies ({@link #SESSION_SETTINGS},
 * docs/reliability.md): without that, the backend of a killed migration runs its statement to the end, holding its
 * locks (and the migration lock of the schema) meanwhile.
 */
public final class Connector {

    /**
     * Settings of every migration session (those the caller names in the connection's {@code options} are left as
     * given). {@code client_connection_check_interval} (PostgreSQL 14+) makes a backend that is running a statement
     * look at its socket every second and stop when the client has gone; the TCP keepalives detect a client host
     * that vanished without closing the connection (about 1 minute); the two idle timeouts end a session whose client
     * hangs (stopped, not dead) between statements, in a transaction or not, so that it does not keep its locks and
     * the migration lock forever.
     */
    public static final Map<String, String> SESSION_SETTINGS = sessionSettings();

    /** The settings of {@link #SESSION_SETTINGS} that PostgreSQL 13 and older do not have. */
    private static final Set<String> SINCE_14 = Set.of("client_connection_check_interval",
            "idle_session_timeout");

    private static Map<String, String> sessionSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("client_connection_check_interval", "1s");
        settings.put("tcp_keepalives_idle", "30");
        settings.put("tcp_keepalives_interval", "10");
        settings.put("tcp_keepalives_count", "3");
        settings.put("idle_in_transaction_session_timeout", "10min");
        settings.put("idle_session_timeout", "10min");
        return Collections.unmodifiableMap(settings);
    }

    private Connector() {
    }

    /**
     * @param driver      PgJDBC
     * @param url         a {@code jdbc:postgresql:} URL
     * @param given       properties the caller already has ({@code user}, {@code password}, others); not changed
     * @param settings    the resolved settings (schema, default user)
     * @param environment the process environment (PGPASSWORD, PGPASSFILE, HOME)
     * @param warnings    receives warnings (an ignored password file)
     * @param howToGiveAPassword how this entry point takes a password, for the message ("-Dliquibase.password");
     *                           null where only libpq's ways exist (the launcher, like psql)
     */
    public static Connection open(Driver driver, String url, Properties given, Settings settings,
                                  Map<String, String> environment, Consumer<String> warnings,
                                  String howToGiveAPassword) throws SQLException {
        Properties properties = new Properties();
        if (given != null) {
            properties.putAll(given);
        }
        String user = nonEmpty(properties.getProperty("user")).or(settings::username)
                .orElse(environment.getOrDefault("USER", System.getProperty("user.name")));
        properties.setProperty("user", user);
        JdbcUrl target = JdbcUrl.parse(url);
        Optional<Passwords.Found> password = Optional.empty();
        if (nonEmpty(properties.getProperty("password")).isEmpty()) {
            properties.remove("password"); // an empty password (the Maven plugin's default) means "not given"
            List<String> passwordWarnings = new ArrayList<>();
            password = Passwords.find(target, user, environment, passwordWarnings);
            passwordWarnings.forEach(warnings);
            password.ifPresent(p -> properties.setProperty("password", p.password()));
        }
        if (!url.contains("currentSchema=") && !properties.containsKey("currentSchema")) {
            properties.setProperty("currentSchema", settings.schemaName() + ",public");
        }
        if (!url.contains("tcpKeepAlive=") && !properties.containsKey("tcpKeepAlive")) {
            properties.setProperty("tcpKeepAlive", "true");
        }
        String passwordSource = password.map(Passwords.Found::source)
                .orElse(properties.containsKey("password") ? "the command line" : null);
        try {
            Connection connection = driver.connect(url, properties);
            if (connection == null) {
                throw new SQLException("'" + url + "' is not a PostgreSQL JDBC URL. Nothing was changed.", "08001");
            }
            applySessionSettings(connection, url + " " + properties.getProperty("options", ""), warnings);
            return connection;
        } catch (SQLException e) {
            throw explain(e, target, user, passwordSource, howToGiveAPassword);
        }
    }

    /**
     * Sets {@link #SESSION_SETTINGS} on a connection the caller opened (the Java API's callers, whose connection
     * {@link #open} did not make): for the session, in autocommit mode; those the server does not have are skipped.
     */
    public static void applySessionSettings(Connection connection, Consumer<String> warnings) {
        applySessionSettings(connection, "", warnings);
    }

    /**
     * Sets {@link #SESSION_SETTINGS} on a new connection (autocommit, so they hold for the session), except those the
     * URL or the {@code options} property name and those the server does not have.
     */
    static void applySessionSettings(Connection connection, String given, Consumer<String> warnings) {
        try {
            int major = connection.getMetaData().getDatabaseMajorVersion();
            for (Map.Entry<String, String> setting : SESSION_SETTINGS.entrySet()) {
                if (given.contains(setting.getKey()) || major < 14 && SINCE_14.contains(setting.getKey())) {
                    continue;
                }
                try (PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
                    set.setString(1, setting.getKey());
                    set.setString(2, setting.getValue());
                    set.execute();
                }
            }
        } catch (SQLException e) {
            warnings.accept("could not set up the session so that it stops when the migration dies: "
                    + firstLine(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static SQLException explain(SQLException e, JdbcUrl target, String user, String passwordSource,
                                        String howToGiveAPassword) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String where = user + "@" + target;
        String text;
        if (passwordSource == null && (state.equals("08004") || state.equals("28P01"))
                && message.toLowerCase().contains("password")) {
            text = "The server asks for a password for " + where + " and none was found: set PGPASSWORD"
                    + (howToGiveAPassword == null ? " or" : ",") + " add a line " + target.host() + ":"
                    + target.port() + ":" + target.database() + ":" + user
                    + ":PASSWORD to ~/.pgpass (mode 600; or to the file PGPASSFILE names)"
                    + (howToGiveAPassword == null ? "." : ", or give " + howToGiveAPassword + ".");
        } else if (state.equals("28P01")) {
            text = "The server refused the password for " + where + " (" + passwordSource + ").";
        } else if (state.equals("3D000")) {
            text = "Database '" + target.database() + "' does not exist on " + target.host() + ":" + target.port() + ".";
        } else if (state.startsWith("08")) {
            text = "Cannot connect to " + where + ": " + firstLine(message);
        } else {
            text = "Cannot connect to " + where + ": " + firstLine(message);
        }
        SQLException explained = new SQLException(text + " Nothing was changed.", state, e);
        return explained;
    }

    private static String firstLine(String message) {
        String line = message.strip().split("\\R", 2)[0];
        return line.endsWith(".") ? line : line + ".";
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
