package org.pacificclimate.crmp.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host, port and database of a single-host PostgreSQL JDBC URL ({@code jdbc:postgresql://host:port/db?...}), with
 * PgJDBC's defaults (localhost, 5432); what a password file line is matched against.
 */
public record JdbcUrl(String host, int port, String database) {

    private static final Pattern URL = Pattern.compile(
            "jdbc:postgresql:(?://(\\[[^\\]]+\\]|[^:/?,]*)(?::(\\d+))?/?)?([^?]*)(?:\\?.*)?");

    /** @throws IllegalArgumentException for a URL that is not a single-host PostgreSQL JDBC URL */
    public static JdbcUrl parse(String url) {
        Matcher m = URL.matcher(url == null ? "" : url);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + url + "' is not a PostgreSQL JDBC URL with one host "
                    + "(jdbc:postgresql://HOST:PORT/DATABASE).");
        }
        String host = m.group(1) == null || m.group(1).isEmpty() ? "localhost" : m.group(1);
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        return new JdbcUrl(host, port, m.group(3));
    }

    @Override
    public String toString() {
        return host + ":" + port + "/" + database;
    }
}
