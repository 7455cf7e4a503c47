package org.pacificclimate.crmp.config;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Opens the migration connection: the login role and its password (given, else found by libpq's rules), the search
 * path starting at the target schema ({@code public} after it keeps PostGIS and hstore reachable), and failures
 * turned into one line a maintainer can act on.
 */
public final class Connector {

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
        String passwordSource = password.map(Passwords.Found::source)
                .orElse(properties.containsKey("password") ? "the command line" : null);
        try {
            Connection connection = driver.connect(url, properties);
            if (connection == null) {
                throw new SQLException("'" + url + "' is not a PostgreSQL JDBC URL. Nothing was changed.", "08001");
            }
            return connection;
        } catch (SQLException e) {
            throw explain(e, target, user, passwordSource, howToGiveAPassword);
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
