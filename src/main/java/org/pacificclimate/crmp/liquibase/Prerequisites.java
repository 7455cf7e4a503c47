package org.pacificclimate.crmp.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the changelogs assume but never create (the README's list of prerequisites), checked with
 * read-only queries so that a database that lacks them is refused before any changeset runs.
 */
public final class Prerequisites {

    /** Extensions no revision installs (citext and unaccent are installed by revisions). */
    public static final List<String> EXTENSIONS = List.of("plpgsql", "plpython3u", "postgis", "hstore");
    /** Roles named by PyCDS's standard grants. */
    public static final List<String> GRANTEE_ROLES = List.of("inspector", "viewer", "steward");

    private Prerequisites() {
    }

    /** @return one line per missing prerequisite; empty when the database is ready */
    public static List<String> missing(Connection connection, String schemaName, String suRoleName)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        if (!exists(connection, "SELECT 1 FROM pg_namespace WHERE nspname = ?", schemaName)) {
            problems.add("schema '" + schemaName + "' does not exist (the migrations never create it: "
                    + "see scripts/create-database.sh)");
        } else if (!exists(connection, "SELECT 1 WHERE has_schema_privilege(?, 'CREATE')", schemaName)) {
            problems.add("the login role may not create objects in schema '" + schemaName + "'");
        }
        if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", suRoleName)) {
            problems.add("elevated role '" + suRoleName + "' does not exist");
        } else if (!exists(connection, "SELECT 1 WHERE pg_has_role(current_user, ?, 'MEMBER')", suRoleName)) {
            problems.add("the login role is not a member of elevated role '" + suRoleName
                    + "', so it cannot SET ROLE to it");
        }
        for (String role : GRANTEE_ROLES) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
                problems.add("role '" + role + "' (named by the standard grants) does not exist");
            }
        }
        for (String extension : EXTENSIONS) {
            if (!exists(connection, "SELECT 1 FROM pg_extension WHERE extname = ?", extension)) {
                boolean available = exists(connection,
                        "SELECT 1 FROM pg_available_extensions WHERE name = ?", extension);
                problems.add("extension '" + extension + "' is not installed in this database"
                        + (available ? " (CREATE EXTENSION " + extension + " as a superuser)"
                                : " and the server does not have it (install postgresql-15-postgis-3 and "
                                        + "postgresql-plpython3-15)"));
            }
        }
        return problems;
    }

    private static boolean exists(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
