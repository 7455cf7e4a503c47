package org.pacificclimate.crmp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.pacificclimate.crmp.testsupport.TestDatabase;
import org.pacificclimate.crmp.testsupport.TestDatabases;
import org.pacificclimate.crmp.testsupport.TestPostgres;

/**
 * The migration connection against a server that wants a password (the private test cluster makes role
 * {@value #ROLE} log in with SCRAM): PGPASSWORD and the password file work as for psql; without a password the
 * message says where to put one; the search path starts at the target schema.
 */
class ConnectorTest {

    private static final String ROLE = "connector_pw";
    private static final String PASSWORD = "s3cret:with\\colon";

    @TempDir
    Path home;

    @BeforeAll
    static void passwordRole() {
        assumeTrue(TestPostgres.get().requiresPasswords(), "the test server's authentication is not ours to set");
        TestDatabases.passwordRole(ROLE, PASSWORD);
    }

    @Test
    void pgpasswordLogsIn() throws Exception {
        try (TestDatabase db = TestDatabases.empty(); Connection c = open(db, Map.of("PGPASSWORD", PASSWORD))) {
            assertEquals(ROLE, value(c, "SELECT current_user"));
        }
    }

    @Test
    void aMatchingPgpassLineLogsIn() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            pgpass(TestPostgres.get().host() + ":" + TestPostgres.get().port() + ":" + db.name() + ":" + ROLE + ":"
                    + PASSWORD.replace("\\", "\\\\").replace(":", "\\:"));
            try (Connection c = open(db, Map.of())) {
                assertEquals(ROLE, value(c, "SELECT current_user"));
            }
        }
    }

    @Test
    void theSearchPathStartsAtTheTargetSchema() throws Exception {
        try (TestDatabase db = TestDatabases.empty(); Connection c = open(db, Map.of("PGPASSWORD", PASSWORD))) {
            assertEquals("other,public", value(c, "SHOW search_path"));
        }
    }

    @Test
    void withoutAPasswordTheMessageSaysWhereToPutOne() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            SQLException e = assertThrows(SQLException.class, () -> open(db, Map.of()));
            String where = TestPostgres.get().host() + ":" + TestPostgres.get().port() + "/" + db.name();
            assertEquals("The server asks for a password for " + ROLE + "@" + where + " and none was found: set "
                    + "PGPASSWORD, add a line " + where.replace("/", ":") + ":" + ROLE + ":PASSWORD to ~/.pgpass (mode "
                    + "600; or to the file PGPASSFILE names), or give --password. Nothing was changed.", e.getMessage());
        }
    }

    @Test
    void aWrongPasswordIsReportedWithWhereItCameFrom() throws Exception {
        try (TestDatabase db = TestDatabases.empty()) {
            SQLException e = assertThrows(SQLException.class, () -> open(db, Map.of("PGPASSWORD", "wrong")));
            assertEquals("The server refused the password for " + ROLE + "@" + TestPostgres.get().host() + ":"
                    + TestPostgres.get().port() + "/" + db.name() + " (PGPASSWORD). Nothing was changed.", e.getMessage());
        }
    }

    private Connection open(TestDatabase db, Map<String, String> environment) throws SQLException {
        Map<String, String> withHome = new HashMap<>(environment);
        withHome.put("HOME", home.toString());
        Settings settings = new ConfigResolver(Map.of("username", ROLE, "schemaName", "other"), Map.of(), null)
                .resolve(Optional.empty());
        List<String> warnings = new ArrayList<>();
        Connection c = Connector.open(new org.postgresql.Driver(), db.jdbcUrl(), new Properties(), settings, withHome,
                warnings::add, "--password");
        assertEquals(List.of(), warnings);
        return c;
    }

    private void pgpass(String line) throws IOException {
        Path file = home.resolve(".pgpass");
        Files.writeString(file, line + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
